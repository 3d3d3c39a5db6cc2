/**
 * Bundles each cloud function of the deploy manifest into `cloudfunctions/<fn>/index.js` (the SDK
 * included), the folder WeChat DevTools and CloudBase deploy, and writes its config.json from the
 * manifest. Fails when a folder lacks its committed package.json, holds TypeScript, or a function
 * of server/functions has no manifest entry.
 */
import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FUNCTIONS, renderConfigJson, type FunctionManifest } from '../server/cloud/functions.manifest'
import { FUNCTION_NAMES } from '../server/functions'

const root = resolve(__dirname, '..')

/** Bundles `server/cloud/entries/<fn>.ts` into one CommonJS file for the Node 18 runtime. */
export async function bundleFunction(fn: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'server', 'cloud', 'entries', `${fn}.ts`)],
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
}

async function buildFunction(manifest: FunctionManifest): Promise<string[]> {
  const fn = manifest.name
  const dir = join(root, 'cloudfunctions', fn)
  const entry = join(root, 'server', 'cloud', 'entries', `${fn}.ts`)
  const problems = [
    ...(existsSync(join(dir, 'package.json')) ? [] : [`cloudfunctions/${fn}/package.json is missing`]),
    ...(existsSync(entry) ? [] : [`server/cloud/entries/${fn}.ts is missing`]),
    ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `cloudfunctions/${fn}/${f}: keep TypeScript out of deploy folders`) : []),
  ]
  if (problems.length) return problems
  const configFile = join(dir, 'config.json')
  const config = renderConfigJson(manifest)
  if (!existsSync(configFile) || readFileSync(configFile, 'utf8') !== config) {
    writeFileSync(configFile, config)
    console.log(`cloudfunctions/${fn}/config.json  written from server/cloud/functions.manifest.ts`)
  }
  const outfile = join(dir, 'index.js')
  await bundleFunction(fn, outfile)
  console.log(`cloudfunctions/${fn}/index.js  ${(statSync(outfile).size / 1024).toFixed(0)} KiB`)
  return []
}

async function main() {
  const problems: string[] = FUNCTION_NAMES.filter((fn) => !FUNCTIONS.some((f) => f.name === fn)).map(
    (fn) => `function ${fn} has no entry in server/cloud/functions.manifest.ts`,
  )
  for (const fn of FUNCTIONS) problems.push(...(await buildFunction(fn)))
  if (problems.length) {
    for (const p of problems) console.error(`build:functions: ${p}`)
    process.exit(1)
  }
}

if (require.main === module) void main()
