/**
 * Compiles a built mini-program offline with WeChat's own compilers and fails on any error:
 *   1. wcc (miniprogram-compiler's wxmlToJs) over every WXML file,
 *   2. wcsc on every WXSS file,
 *   3. miniprogram-ci's getCompiledResult: app.json / page JSON wiring, JS syntax, WXSS,
 *   4. miniprogram-ci's code-quality analysis (代码质量): every item must pass (compression of JS,
 *      WXML and WXSS, lazy code loading, package and image sizes, unused files).
 *
 * Usage: `npm run check:weapp [-- <dir>]` (default dist/weapp). Exit code 1 on any failure.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import * as ci from 'miniprogram-ci'

interface MiniprogramCompiler {
  wxmlToJs(rootPath: string, options?: { maxBuffer?: number }): string
}

const requireFromHere = createRequire(__filename)
const compilerRoot = dirname(requireFromHere.resolve('miniprogram-compiler/package.json'))
const MAX_BUFFER = 64 * 1024 * 1024

/** Every file under `dir` ending in `ext`, relative to `dir` with forward slashes, node_modules skipped. */
function listFiles(dir: string, ext: string): string[] {
  const out: string[] = []
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full)
      } else if (entry.name.endsWith(ext)) {
        out.push(relative(dir, full).split(sep).join('/'))
      }
    }
  }
  walk(dir)
  return out.sort()
}

/** wcc: throws with the compiler's message (e.g. "end tag missing") on any WXML error. */
function checkWxml(dir: string): string {
  const compiler = requireFromHere('miniprogram-compiler') as MiniprogramCompiler
  chmodSync(join(compilerRoot, 'bin/linux/wcc'), 0o755)
  compiler.wxmlToJs(dir, { maxBuffer: MAX_BUFFER })
  return `${listFiles(dir, '.wxml').length} WXML files`
}

/** wcsc on all WXSS files at once; page and component styles (those with a .json beside them) go first. */
function checkWxss(dir: string): string {
  const wcsc = join(compilerRoot, 'bin/linux/wcsc')
  chmodSync(wcsc, 0o755)
  const files = listFiles(dir, '.wxss')
  const hasJson = (f: string) => existsSync(join(dir, f.replace(/\.wxss$/, '.json')))
  const components = files.filter(hasJson)
  const others = files.filter((f) => !hasJson(f))
  const res = spawnSync(wcsc, ['-db', '-pc', String(components.length), ...components, ...others], {
    cwd: dir,
    maxBuffer: MAX_BUFFER,
  })
  if (res.error) throw res.error
  const stderr = res.stderr.toString().trim()
  if (res.status !== 0 || stderr) {
    throw new Error(`wcsc exited with ${res.status ?? res.signal}${stderr ? `:\n${stderr}` : ''}`)
  }
  return `${files.length} WXSS files`
}

/** Runs `work` on a miniprogram-ci project of `dir`, kept offline: no real key, and a proxy that refuses at once. */
async function withCiProject<T>(dir: string, work: (project: ci.Project) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'check-weapp-'))
  try {
    // Only the file has to exist: compiling never signs anything.
    const keyPath = join(tmp, 'private.dummy.key')
    writeFileSync(keyPath, 'not-a-key: offline compile only\n', { mode: 0o600 })
    ci.proxy('http://127.0.0.1:9')
    const options = {
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: dir,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*'],
      // Not in the typings: without it the project asks WeChat's servers for its attributes.
      attr: async () => ci.DefaultProjectAttr,
    }
    return await work(new ci.Project(options as ConstructorParameters<typeof ci.Project>[0]))
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** miniprogram-ci's compiler. */
function checkWithCi(dir: string): Promise<string> {
  return withCiProject(dir, async (project) => {
    const result = await ci.getCompiledResult({ project, version: '0.0.0', setting: { es7: true, minifyWXSS: true } })
    return `${Object.keys(result).length} files compiled`
  })
}

/** miniprogram-ci's code-quality analysis, as WeChat DevTools' 代码质量 panel shows it: 0 failures or a list of them. */
function checkQuality(dir: string): Promise<string> {
  return withCiProject(dir, async (project) => {
    const items = await ci.checkCodeQuality(project)
    const failed = items.filter((i) => !i.success)
    if (failed.length) {
      throw new Error(failed.map((i) => `${i.name}: ${i.text ?? ''}${i.detail ? ` ${JSON.stringify(i.detail).slice(0, 400)}` : ''}`).join('\n'))
    }
    return `${items.length} items passed, 0 failed`
  })
}

/** The error's message, with the very long lines of minified code frames cut short. */
function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : typeof err === 'object' && err !== null ? JSON.stringify(err) : String(err)
  return text
    .split('\n')
    .map((line) => (line.length > 240 ? `${line.slice(0, 240)}…` : line))
    .join('\n')
}

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? 'dist/weapp')
  if (!existsSync(join(dir, 'app.json'))) {
    console.error(`check:weapp: no app.json in ${dir}; run \`npm run build:weapp\` first`)
    return 1
  }
  console.log(`check:weapp: ${dir}`)
  const steps: Array<[string, (d: string) => string | Promise<string>]> = [
    ['WXML (wcc)', checkWxml],
    ['WXSS (wcsc)', checkWxss],
    ['miniprogram-ci getCompiledResult', checkWithCi],
    ['miniprogram-ci code quality', checkQuality],
  ]
  let failed = 0
  for (const [name, step] of steps) {
    const started = Date.now()
    try {
      const summary = await step(dir)
      console.log(`  ok    ${name}: ${summary} (${Date.now() - started} ms)`)
    } catch (err) {
      failed++
      console.error(`  FAIL  ${name}:\n${describe(err).replace(/^/gm, '        ')}`)
    }
  }
  console.log(failed ? `check:weapp: ${failed} of ${steps.length} checks failed` : 'check:weapp: all checks passed')
  return failed ? 1 : 0
}

// miniprogram-ci leaves a compiler process alive: exit explicitly either way.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check:weapp: ${describe(err)}`)
    process.exit(1)
  },
)
