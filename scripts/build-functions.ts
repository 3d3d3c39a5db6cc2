/**
 * Bundles each cloud function into `cloudfunctions/<fn>/index.js` (the SDK included), the folder
 * WeChat DevTools and CloudBase deploy. Fails when a folder lacks its committed package.json or
 * config.json, or holds TypeScript.
 */
import { build } from 'esbuild'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FUNCTION_NAMES } from '../server/functions'

const root = resolve(__dirname, '..')

async function buildFunction(fn: string): Promise<string[]> {
  const dir = join(root, 'cloudfunctions', fn)
  const entry = join(root, 'server', 'cloud', 'entries', `${fn}.ts`)
  const problems = [
    ...['package.json', 'config.json'].filter((f) => !existsSync(join(dir, f))).map((f) => `cloudfunctions/${fn}/${f} is missing`),
    ...(existsSync(entry) ? [] : [`server/cloud/entries/${fn}.ts is missing`]),
    ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `cloudfunctions/${fn}/${f}: keep TypeScript out of deploy folders`) : []),
  ]
  if (problems.length) return problems
  const outfile = join(dir, 'index.js')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
  })
  console.log(`cloudfunctions/${fn}/index.js  ${(statSync(outfile).size / 1024).toFixed(0)} KiB`)
  return []
}

async function main() {
  const problems: string[] = []
  for (const fn of FUNCTION_NAMES) problems.push(...(await buildFunction(fn)))
  if (problems.length) {
    for (const p of problems) console.error(`build:functions: ${p}`)
    process.exit(1)
  }
}

void main()
