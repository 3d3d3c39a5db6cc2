/**
 * `npm run upload:weapp`: builds the mini-program with the union's CloudBase environment id
 * compiled in, then uploads it as a development version with `miniprogram-ci` (it then appears
 * under 版本管理 in the mini-program console, to submit for review).
 *
 *   npm run upload:weapp -- --dry-run        checks the settings and prints what would happen
 *   npm run upload:weapp [-- --version 1.0.0 --desc "..."]
 * Flags: --config <file>, --env <envId>, --appid <appid>, --version (default: package.json's),
 * --desc, --robot <1-30>. The upload key: LANTIAN_WEAPP_KEY_PATH, the path of the private key
 * downloaded from the mini-program console (never committed).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from './deploy/config'

const root = resolve(__dirname, '..')
const outDir = join(root, 'dist', 'weapp')

/** Whether a built JS file of the mini-program holds the environment id (config/index.ts compiles it in). */
function buildHasEnvId(envId: string): boolean {
  const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'))
  return files.some((f) => readFileSync(join(outDir, f), 'utf8').includes(JSON.stringify(envId)))
}

function gitShortSha(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : ''
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      'dry-run': { type: 'boolean' },
      config: { type: 'string' },
      env: { type: 'string' },
      appid: { type: 'string' },
      version: { type: 'string' },
      desc: { type: 'string' },
      robot: { type: 'string' },
    },
  })
  const config = loadConfig(flags)
  const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
  const version = flags.version ?? pkgVersion
  const sha = gitShortSha()
  const desc = flags.desc ?? `蓝天帮扶 ${version}${sha ? ` (${sha})` : ''}`
  const robot = Number(flags.robot ?? 1)
  const keyPath = process.env.LANTIAN_WEAPP_KEY_PATH

  const problems: string[] = []
  if (!config.appid) problems.push('no appid: set "appid" in deploy/lantian.deploy.json or pass --appid')
  if (!config.envId) problems.push('no environment id: set "envId" in deploy/lantian.deploy.json or pass --env')
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`--version ${version}: use three numbers, e.g. 1.0.0`)
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) problems.push('--robot: 1 to 30')
  if (!keyPath) problems.push('LANTIAN_WEAPP_KEY_PATH is not set: the path of the upload key from 开发管理 → 开发设置 → 小程序代码上传')
  else if (!existsSync(keyPath)) problems.push('LANTIAN_WEAPP_KEY_PATH names a file that does not exist')

  console.log(`upload:weapp${flags['dry-run'] ? ' (dry run: nothing is built or uploaded)' : ''}`)
  console.log(`  settings from  ${config.source}`)
  console.log(`  appid          ${config.appid || '(not set)'}`)
  console.log(`  environment    ${config.envId || '(not set)'} (compiled into the app as TARO_APP_CLOUD_ENV)`)
  console.log(`  version        ${version}, "${desc}", robot ${robot}`)
  console.log(`  upload key     ${keyPath ? (existsSync(keyPath) ? 'set, file found' : 'set, FILE MISSING') : 'NOT SET'}`)
  console.log('  steps          npm run build:weapp -> check dist/weapp holds the environment id -> miniprogram-ci upload')
  if (flags['dry-run']) {
    for (const p of problems) console.log(`  before a real upload: ${p}`)
    return 0
  }
  if (problems.length) {
    for (const p of problems) console.error(`upload:weapp: ${p}`)
    return 1
  }

  const build = spawnSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, TARO_APP_CLOUD_ENV: config.envId, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error('npm run build:weapp failed')
  if (!existsSync(join(outDir, 'app.json'))) throw new Error('dist/weapp/app.json is missing after the build')
  if (!buildHasEnvId(config.envId)) throw new Error(`the build does not hold the environment id ${config.envId}: check config/index.ts`)

  // Loaded only here: it is slow to load and starts services of its own.
  const ci = await import('miniprogram-ci')
  const project = new ci.Project({ appid: config.appid, type: 'miniProgram', projectPath: outDir, privateKeyPath: keyPath!, ignores: ['node_modules/**/*'] })
  const result = await ci.upload({
    project,
    version,
    desc,
    robot,
    setting: { es6: true, es7: true, minifyWXSS: true, autoPrefixWXSS: true },
    onProgressUpdate: () => undefined,
  })
  for (const p of result.subPackageInfo ?? []) console.log(`  package ${p.name}: ${(p.size / 1024).toFixed(0)} KiB`)
  console.log(`Uploaded ${version}. In the mini-program console: 管理 → 版本管理 → 开发版本, choose it as the trial version or submit it for review.`)
  return 0
}

// miniprogram-ci leaves a compiler process alive: exit explicitly either way.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`upload:weapp: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
