/**
 * Bundles each cloud function of the deploy manifest into `cloudfunctions/<fn>/index.js` (the SDK
 * included), the folder WeChat DevTools and CloudBase deploy, and writes its config.json from the
 * manifest. Fails when a folder lacks its committed package.json, holds TypeScript, or a function
 * of server/functions has no manifest entry.
 */
import { build, type BuildOptions } from 'esbuild'
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { FUNCTIONS, renderConfigJson, type FunctionManifest } from '../server/cloud/functions.manifest'
import { FUNCTION_NAMES } from '../server/functions'

const root = resolve(__dirname, '..')

/** The thread that reads import files, and the name its bundle gets beside a function's index.js. */
const SHEET_WORKER = { caller: 'server/usecases/shared/sheet-worker/read-off-thread.ts', entry: 'server/usecases/shared/sheet-worker/worker.ts', file: 'sheet-worker.js' }

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  // Only the source tree runs the reading thread through tsx; the bundles never reach that branch.
  external: ['tsx', 'tsx/*'],
}

/**
 * Bundles `server/cloud/entries/<fn>.ts` into one CommonJS file for the Node 18 runtime, and, when
 * the function reads import files off its thread, that thread's entry into `sheet-worker.js` beside
 * it. Returns the files written.
 */
export async function bundleFunction(fn: string, outfile: string): Promise<string[]> {
  const { metafile, outputFiles } = await build({
    ...COMMON,
    entryPoints: [join(root, 'server', 'cloud', 'entries', `${fn}.ts`)],
    outfile,
    write: false,
    metafile: true,
    define: { LANTIAN_SHEET_WORKER_FILE: JSON.stringify(SHEET_WORKER.file) },
  })
  replaceIfChanged(outfile, outputFiles[0].contents)
  const workerFile = join(dirname(outfile), SHEET_WORKER.file)
  const usesWorker = Object.keys(metafile?.inputs ?? {}).some((input) => relative(root, resolve(input)).split('\\').join('/') === SHEET_WORKER.caller)
  if (!usesWorker) {
    // A worker bundle left from an earlier build would be deployed with a function that no longer uses it.
    rmSync(workerFile, { force: true })
    return [outfile]
  }
  const worker = await build({ ...COMMON, entryPoints: [join(root, SHEET_WORKER.entry)], outfile: workerFile, write: false })
  replaceIfChanged(workerFile, worker.outputFiles[0].contents)
  return [outfile, workerFile]
}

/**
 * Writes `contents` to `file` only when they differ, through a new file renamed over the old one: tests in
 * other jest workers that rebuild the bundles or run them meanwhile read the old file or the new one, never half of one.
 */
function replaceIfChanged(file: string, contents: Uint8Array): void {
  if (existsSync(file) && Buffer.compare(readFileSync(file), contents) === 0) return
  const next = `${file}.${process.pid}.next`
  writeFileSync(next, contents)
  renameSync(next, file)
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
  for (const file of await bundleFunction(fn, join(dir, 'index.js'))) {
    console.log(`cloudfunctions/${fn}/${relative(dir, file)}  ${(statSync(file).size / 1024).toFixed(0)} KiB`)
  }
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
