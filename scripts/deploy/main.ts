/**
 * `npm run deploy`: builds the cloud functions and brings a union's CloudBase environment in line
 * with the code (functions, collections, indexes, permissions, timer triggers). Safe to run again:
 * it changes only what differs.
 *
 *   npm run deploy -- --dry-run              the whole plan; no credentials, no network
 *   npm run deploy -- --plan                 reads the environment and prints the changes and the data
 *                                            migrations still to run, changes nothing
 *   npm run deploy                           applies the changes, then runs the data migrations not
 *                                            applied yet (resuming one that was cut short)
 * Flags: --config <file> (default deploy/lantian.deploy.json), --env <envId>, --region <region>,
 * --json (with --dry-run), --replace-data-key (only for an environment without data).
 * Credentials: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
 * temporary ones). The data key: LANTIAN_DATA_KEY. Both from the shell, never from a file.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DATA_MIGRATIONS } from '../../server/adapters/cloudbase/migrations'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import { keyFromBase64 } from '../../server/adapters/node-cipher'
import { FUNCTION_ENV, FUNCTIONS, type FunctionEnvName } from '../../server/cloud/functions.manifest'
import { loadConfig } from './config'
import { desiredState, folderHash } from './desired'
import { formatDesired, summarize } from './format'
import { ManagerTarget } from './manager-target'
import { migrationStep } from './migrate'
import { EMPTY_STATE } from './model'
import { planChanges } from './plan'
import { deploy } from './run'

const root = resolve(__dirname, '../..')
const SECRET_NAMES = (Object.keys(FUNCTION_ENV) as FunctionEnvName[]).filter((n) => FUNCTION_ENV[n].secret)

function dryRun(flags: { json?: boolean }, config: ReturnType<typeof loadConfig>): void {
  // Only whether each secret is set is used: its value never enters the dry run.
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, process.env[n] ? 'set' : '']))
  const desired = desiredState({ envId: config.envId, region: config.region, settings: config.settings, secrets, codeHashes: null })
  const plan = planChanges(desired, EMPTY_STATE)
  if (flags.json) {
    const shown = { ...desired, functions: desired.functions.map((f) => ({ ...f, env: f.env.map((e) => (e.secret ? { ...e, value: e.value ? '<set>' : '<not set>' } : e)) })) }
    console.log(JSON.stringify({ desired: shown, changesOnEmptyEnvironment: plan.changes }, null, 2))
    return
  }
  console.log('Lantian deploy plan (dry run: no credentials read, no network)')
  console.log(`Settings from ${config.source}`)
  console.log(formatDesired(desired))
  console.log('')
  console.log(`On an empty environment this is: ${summarize(plan.changes)}.`)
  console.log('On an existing one, deploy changes only what differs (see --plan).')
  console.log(`Then the data migrations not applied yet, in order (--plan shows which): ${DATA_MIGRATIONS.map((m) => m.id).join(', ')}.`)
  const missing = SECRET_NAMES.filter((n) => !process.env[n])
  if (missing.length) console.log(`Before a real deploy, set ${missing.join(', ')} in your shell (README: Deploy to CloudBase).`)
}

function requireSecrets(keySource: string): { credentials: { secretId: string; secretKey: string; token?: string }; secrets: Record<string, string> } {
  const problems: string[] = []
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TENCENTCLOUD_SESSIONTOKEN: token } = process.env
  if (!secretId || !secretKey) problems.push('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set (a CAM key allowed to manage the environment)')
  const secrets: Record<string, string> = {}
  // With KMS or Secrets Manager holding the keys, no key goes into the function configuration.
  if (keySource !== 'env' && process.env.LANTIAN_DATA_KEY) problems.push(`LANTIAN_KEY_SOURCE is ${keySource}: unset LANTIAN_DATA_KEY, the functions take their keys from ${keySource}`)
  for (const name of keySource === 'env' ? SECRET_NAMES : []) {
    const value = process.env[name]
    try {
      keyFromBase64(value)
      secrets[name] = value!
    } catch {
      problems.push(`${name} must be set to base64 of 32 random bytes (${value ? 'the value is not' : 'it is missing'}); keep it safe: without it no encrypted value can be read`)
    }
  }
  if (problems.length) throw new Error(`deploy refuses to run:\n  - ${problems.join('\n  - ')}`)
  return { credentials: { secretId: secretId!, secretKey: secretKey!, ...(token ? { token } : {}) }, secrets }
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      'dry-run': { type: 'boolean' },
      plan: { type: 'boolean' },
      json: { type: 'boolean' },
      'replace-data-key': { type: 'boolean' },
      config: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
    },
  })
  const config = loadConfig(flags)
  if (flags['dry-run']) return dryRun(flags, config)

  if (!config.envId) throw new Error('no environment id: set "envId" in deploy/lantian.deploy.json or pass --env <envId>')
  const { credentials, secrets } = requireSecrets(config.settings.LANTIAN_KEY_SOURCE ?? 'env')

  console.log('Building the cloud functions (npm run build:functions) ...')
  const build = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(root, 'scripts/build-functions.ts')], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('build:functions failed')
  const codeHashes = Object.fromEntries(FUNCTIONS.map((f) => [f.name, folderHash(join(root, 'cloudfunctions', f.name))]))

  const desired = desiredState({ envId: config.envId, region: config.region, settings: config.settings, secrets, codeHashes })
  const target = new ManagerTarget(config.envId, config.region, credentials, join(root, 'cloudfunctions'))
  // The data migrations use the database API (@cloudbase/node-sdk) with the same key from the shell.
  process.env.TCB_ENV = config.envId
  process.env.TENCENTCLOUD_REGION ??= config.region
  const migrations = migrationStep(getDb(), DATA_MIGRATIONS)
  await deploy(target, desired, { replaceDataKey: flags['replace-data-key'], planOnly: flags.plan, migrations }, (line) => console.log(line))
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`deploy: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  },
)
