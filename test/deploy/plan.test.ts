/**
 * The deploy plan: the manifest against the function folders and the code, the planner against a
 * recorded environment (a second run changes nothing), the blockers, the dry run as a command.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { COLLECTION_DECLARATIONS } from '../../server/adapters/cloudbase/schema'
import { FUNCTION_ENV, FUNCTIONS, renderConfigJson } from '../../server/cloud/functions.manifest'
import { FUNCTION_NAMES } from '../../server/functions'
import { loadConfig } from '../../scripts/deploy/config'
import { codeHashFromDescription, desiredState, functionDescription } from '../../scripts/deploy/desired'
import { describeChange } from '../../scripts/deploy/format'
import { deployModeFor, functionFromDetail, indexesFromTable } from '../../scripts/deploy/manager-target'
import { EMPTY_STATE, type CurrentState, type DesiredState } from '../../scripts/deploy/model'
import { planChanges } from '../../scripts/deploy/plan'
import { deploy } from '../../scripts/deploy/run'
import { MemoryTarget } from './memory-target'

const root = resolve(__dirname, '../..')
const FAKE_KEY = 'fake-data-key-for-tests'

const desired = (over: Partial<Parameters<typeof desiredState>[0]> = {}): DesiredState =>
  desiredState({
    envId: 'lantian-test-1a2b',
    region: 'ap-shanghai',
    settings: {},
    secrets: { LANTIAN_DATA_KEY: FAKE_KEY },
    codeHashes: Object.fromEntries(FUNCTIONS.map((f, i) => [f.name, String(i).repeat(16)])),
    ...over,
  })

/** The recorded environment, read with the same functions the real target uses. */
function recorded(): CurrentState {
  const raw = JSON.parse(readFileSync(join(__dirname, 'fixtures/recorded-environment.json'), 'utf8')) as {
    functions: Record<string, Record<string, unknown>>
    collections: Record<string, { table: Record<string, unknown>; acl: string }>
  }
  return {
    functions: Object.fromEntries(Object.entries(raw.functions).map(([n, d]) => [n, functionFromDetail(d)])),
    collections: Object.fromEntries(Object.entries(raw.collections).map(([n, c]) => [n, { name: n, indexes: indexesFromTable(c.table), acl: c.acl }])),
  }
}

const quiet = () => undefined

describe('the manifest matches the code', () => {
  const folders = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

  test('every cloudfunctions/ folder has a manifest entry and every entry a folder, an entry file and a package.json', () => {
    expect([...folders].sort()).toEqual(FUNCTIONS.map((f) => f.name).sort())
    for (const f of FUNCTIONS) {
      expect(existsSync(join(root, 'server/cloud/entries', `${f.name}.ts`))).toBe(true)
      expect(existsSync(join(root, 'cloudfunctions', f.name, 'package.json'))).toBe(true)
    }
  })

  test('every function the API serves is deployed', () => {
    expect(FUNCTION_NAMES.filter((fn) => !FUNCTIONS.some((f) => f.name === fn))).toEqual([])
  })

  test('each committed config.json is what the manifest renders (openapi permissions, timer triggers)', () => {
    for (const f of FUNCTIONS) expect(readFileSync(join(root, 'cloudfunctions', f.name, 'config.json'), 'utf8')).toBe(renderConfigJson(f))
  })

  test('settings are sane: runtime, memory, timeout, unique names, 7-field crons', () => {
    expect(new Set(FUNCTIONS.map((f) => f.name)).size).toBe(FUNCTIONS.length)
    for (const f of FUNCTIONS) {
      expect(f.timeoutSec).toBeGreaterThanOrEqual(3)
      expect(f.timeoutSec).toBeLessThanOrEqual(60)
      expect(f.env).toContain('LANTIAN_DATA_KEY')
      expect(new Set(f.triggers.map((t) => t.name)).size).toBe(f.triggers.length)
      for (const t of f.triggers) {
        expect(t.name).toMatch(/^[a-z][a-z0-9-]{0,59}$/)
        expect(t.cron.trim().split(/\s+/)).toHaveLength(7)
      }
      for (const api of f.openapi) expect(api).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/)
    }
  })

  test('every environment variable the deployed code reads is declared (or set by the runtime)', () => {
    const RUNTIME = new Set(['TCB_ENV', 'LANTIAN_TCB_SERVICE_URL'])
    const dirs = ['server/cloud', 'server/functions', 'server/usecases', 'server/adapters/cloudbase', 'src/domain']
    const files = dirs.flatMap((d) =>
      (readdirSync(join(root, d), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(root, d, f)),
    )
    files.push(join(root, 'server/adapters/node-cipher.ts'), join(root, 'server/runtime.ts'))
    const read = new Map<string, string>()
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[['"]([A-Z_][A-Z0-9_]*)['"]\])/g)) read.set(m[1] ?? m[2], relative(root, file))
    }
    expect(read.size).toBeGreaterThan(0)
    const undeclared = [...read].filter(([name]) => !(name in FUNCTION_ENV) && !RUNTIME.has(name)).map(([n, f]) => `${n} (${f})`)
    expect(undeclared).toEqual([])
  })
})

describe('the plan on an empty environment (what the dry run shows)', () => {
  test('creates every function, every collection with its permission, every declared index', () => {
    const plan = planChanges(desired({ codeHashes: null }), EMPTY_STATE)
    const kinds = (k: string) => plan.changes.filter((c) => c.kind === k)
    expect(kinds('function.create').map((c) => (c as { fn: string }).fn)).toEqual(FUNCTIONS.map((f) => f.name))
    expect(kinds('collection.create')).toHaveLength(COLLECTION_DECLARATIONS.length)
    expect(kinds('acl.set')).toEqual(COLLECTION_DECLARATIONS.map((c) => ({ kind: 'acl.set', collection: c.name, from: null, to: 'ADMINONLY' })))
    expect(kinds('index.create')).toHaveLength(COLLECTION_DECLARATIONS.reduce((n, c) => n + c.indexes.length, 0))
    expect(kinds('storage.rules')).toEqual([{ kind: 'storage.rules', from: null }])
    expect(plan.blockers).toEqual([])
  })
})

describe('storage security rules', () => {
  test('clients read no file and write only their own files under uploads/', () => {
    const { storage } = desired()
    expect(storage).toEqual({ acl: 'CUSTOM', rule: { read: false, write: expect.stringContaining('resource.openid == auth.openid') } })
    expect(storage.rule.write).toContain("/^uploads\\//.test(resource.path) == true")
  })

  test("CloudBase's default (every user reads, the creator writes) is replaced; once set, left alone", async () => {
    const target = new MemoryTarget({ ...recorded(), storage: { acl: 'READONLY', rule: null } })
    const first = await deploy(target, desired(), {}, quiet)
    expect(first.applied.filter((c) => c.kind === 'storage.rules').map(describeChange)).toEqual([
      'set storage security rules: READONLY -> CUSTOM (clients read nothing, write only their own uploads/)',
    ])
    expect(target.storage).toEqual(desired().storage)
    expect((await deploy(target, desired(), {}, quiet)).plan.changes).toEqual([])
    // Someone loosened the rule in the console: set back.
    target.storage = { acl: 'CUSTOM', rule: { read: true, write: desired().storage.rule.write } }
    expect(planChanges(desired(), await target.describe(desired())).changes).toEqual([{ kind: 'storage.rules', from: 'CUSTOM' }])
  })
})

describe('the plan against a recorded environment', () => {
  test('changes what differs, notes what it leaves, and a second run changes nothing', async () => {
    const target = new MemoryTarget(recorded())
    const want = desired()
    const first = await deploy(target, want, {}, quiet)
    const lines = first.applied.map(describeChange)
    expect(lines).toEqual(
      expect.arrayContaining([
        'create index applications.applicantOpenid_asc_createdAt_desc__id_desc',
        'set permission of applications: PRIVATE -> ADMINONLY',
        'create collection counters',
        'set permission of counters: default -> ADMINONLY',
        'create index audit_events.stream_asc_seq_asc',
        'set permission of audit_events: READONLY -> ADMINONLY',
        'upload code of applicant',
        'update settings of applicant: timeout, env LANTIAN_KEY_SOURCE, env LANTIAN_DATA_KEYS, env LANTIAN_AUDIT_KEY_BLOB, env LANTIAN_DATA_SECRET, env LANTIAN_AUDIT_SECRET, env LANTIAN_DEFAULT_UNIT, env LEGACY_FLAG (removed), code hash',
        'delete timer trigger applicant.old-cleanup',
        'create function account (code, settings, environment, timer triggers)',
      ]),
    )
    expect(lines.filter((l) => /claims|org_units|index applications\.number/.test(l))).toEqual(['create index org_units.path_asc__id_asc'])
    expect(first.plan.notes).toEqual(
      expect.arrayContaining(['applications: index status_1 is not declared; left in place', 'org_units: index parentId_asc__id_asc is already there as parentId_1__id_1']),
    )

    const second = await deploy(target, want, {}, quiet)
    expect(second.plan.changes).toEqual([])
    expect(second.applied).toEqual([])
  })

  test('timer triggers: created when declared, replaced when the cron changes, idempotent', async () => {
    const base = desired()
    const withTrigger = (cron: string): DesiredState => ({
      ...base,
      functions: base.functions.map((f) => (f.name === 'applicant' ? { ...f, triggers: [{ name: 'nightly', cron, purpose: 'test' }] } : f)),
    })
    const target = new MemoryTarget(recorded())
    await deploy(target, withTrigger('0 0 2 * * * *'), {}, quiet)
    expect(target.functions.applicant.triggers).toEqual([{ name: 'nightly', cron: '0 0 2 * * * *' }])
    const changed = await deploy(target, withTrigger('0 30 2 * * * *'), {}, quiet)
    expect(changed.applied.map(describeChange)).toEqual(['delete timer trigger applicant.nightly', 'create timer trigger applicant.nightly'])
    expect((await deploy(target, withTrigger('0 30 2 * * * *'), {}, quiet)).applied).toEqual([])
  })

  test('a new code build uploads code and records its hash; nothing else changes', async () => {
    const target = new MemoryTarget(recorded())
    await deploy(target, desired(), {}, quiet)
    const rebuilt = desired({ codeHashes: Object.fromEntries(FUNCTIONS.map((f) => [f.name, 'f'.repeat(16)])) })
    const run = await deploy(target, rebuilt, {}, quiet)
    expect(run.applied.map((c) => c.kind)).toEqual(FUNCTIONS.flatMap(() => ['function.code', 'function.config']))
    expect(run.applied.filter((c) => c.kind === 'function.config').map((c) => (c as { fields: readonly string[] }).fields)).toEqual(FUNCTIONS.map(() => ['code hash']))
  })
})

describe('what deploy refuses to do by itself', () => {
  test('a different data key than the deployed one blocks the whole run before any change', async () => {
    const target = new MemoryTarget(recorded())
    await expect(deploy(target, desired({ secrets: { LANTIAN_DATA_KEY: 'another-key' } }), {}, quiet)).rejects.toThrow(/stopped before changing anything/)
    expect(target.calls).toEqual([])
    const plan = planChanges(desired({ secrets: { LANTIAN_DATA_KEY: 'another-key' } }), recorded())
    expect(plan.blockers[0].why).toMatch(/LANTIAN_DATA_KEY differs/)
    expect(JSON.stringify(plan)).not.toContain('another-key')
    expect(JSON.stringify(plan)).not.toContain(FAKE_KEY)
    expect(planChanges(desired({ secrets: { LANTIAN_DATA_KEY: 'another-key' } }), recorded(), { replaceDataKey: true }).blockers).toEqual([])
  })

  test('a function on another runtime is not changed in place', () => {
    const state = recorded()
    const old = { ...state, functions: { applicant: { ...state.functions.applicant, runtime: 'Nodejs16.13' } } }
    expect(planChanges(desired(), old).blockers.map((b) => b.what)).toEqual(['function applicant'])
  })
})

describe('reading recorded replies', () => {
  test('GetFunction: settings, variables, timer triggers (JSON or bare cron), code hash from the description', () => {
    const f = functionFromDetail({
      FunctionName: 'x',
      Runtime: 'Nodejs18.15',
      MemorySize: 512,
      Timeout: 10,
      Description: functionDescription('x', 'abcdef0123456789'),
      Environment: { Variables: [{ Key: 'A', Value: '1' }] },
      Triggers: [
        { Type: 'timer', TriggerName: 't1', TriggerDesc: '{"cron":"0 0 1 * * * *"}' },
        { Type: 'timer', TriggerName: 't2', TriggerDesc: '0 0 2 * * * *' },
        { Type: 'http', TriggerName: 'web', TriggerDesc: '{}' },
      ],
    })
    expect(f).toEqual({
      name: 'x',
      runtime: 'Nodejs18.15',
      memoryMB: 512,
      timeoutSec: 10,
      env: { A: '1' },
      codeHash: 'abcdef0123456789',
      triggers: [
        { name: 't1', cron: '0 0 1 * * * *' },
        { name: 't2', cron: '0 0 2 * * * *' },
      ],
    })
    expect(codeHashFromDescription('made in the console')).toBeNull()
  })

  test('DescribeTable: index keys with directions, 2dsphere included', () => {
    expect(
      indexesFromTable({ Indexes: [{ Name: 'location_geo', Keys: [{ Name: 'location', Direction: '2dsphere' }, { Name: 'kind', Direction: '-1' }], Unique: false }] }),
    ).toEqual([{ name: 'location_geo', keys: [['location', '2dsphere'], ['kind', -1]], unique: false }])
  })
})

test('code goes up inline while it zips small, through COS when not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-fn-'))
  try {
    writeFileSync(join(dir, 'index.js'), 'exports.main = async () => ({ ok: true })\n'.repeat(1000))
    expect(deployModeFor(dir)).toBe('zip')
    writeFileSync(join(dir, 'blob.bin'), randomBytes(1_300_000))
    expect(deployModeFor(dir)).toBe('cos')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('the config file', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lantian-config-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const write = (json: unknown) => writeFileSync(join(dir, 'c.json'), JSON.stringify(json))

  test('reads env id, region, appid and settings; flags win', () => {
    write({ envId: 'union-prod-9x8y', region: 'ap-guangzhou', appid: 'wx0123456789abcdef', settings: { LANTIAN_APP_PREFIX: 'HH' } })
    expect(loadConfig({ config: 'c.json' }, dir)).toMatchObject({ envId: 'union-prod-9x8y', region: 'ap-guangzhou', appid: 'wx0123456789abcdef', settings: { LANTIAN_APP_PREFIX: 'HH' } })
    expect(loadConfig({ config: 'c.json', env: 'other-env-1', region: 'ap-beijing' }, dir)).toMatchObject({ envId: 'other-env-1', region: 'ap-beijing' })
  })

  test('refuses secrets and unknown keys in the file, and malformed values', () => {
    write({ envId: 'union-prod-9x8y', secretKey: 'x' })
    expect(() => loadConfig({ config: 'c.json' }, dir)).toThrow(/unknown key "secretKey".*environment variables/)
    write({ settings: { LANTIAN_DATA_KEY: 'x' } })
    expect(() => loadConfig({ config: 'c.json' }, dir)).toThrow(/unknown key "settings.LANTIAN_DATA_KEY"/)
    write({ appid: 'touristappid' })
    expect(() => loadConfig({ config: 'c.json' }, dir)).toThrow(/appid/)
    expect(() => loadConfig({ env: 'Bad Env!' }, dir)).toThrow(/--env/)
    expect(() => loadConfig({ config: 'missing.json' }, dir)).toThrow(/not found/)
  })

  test('the committed example is a valid config', () => {
    expect(loadConfig({ config: 'deploy/lantian.deploy.example.json' }, root)).toMatchObject({ region: 'ap-shanghai', settings: { LANTIAN_DEFAULT_UNIT: 'unit-root' } })
  })

  test('without a file: defaults, so a fresh clone can dry-run', () => {
    expect(loadConfig({}, dir)).toMatchObject({ envId: '', region: 'ap-shanghai', settings: {} })
  })
})

describe('npm run deploy -- --dry-run', () => {
  const run = (args: string[], env: Record<string, string>) =>
    execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/deploy/main.ts', '--dry-run', ...args], {
      cwd: root,
      // No credentials needed; canaries prove none would be printed.
      env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
  // Built at run time, so no secret-shaped value sits in the repository.
  const canaries = {
    TENCENTCLOUD_SECRETID: `AKID${'canary'.padEnd(32, '0')}`,
    TENCENTCLOUD_SECRETKEY: 'canary-secret-key-value',
    LANTIAN_DATA_KEY: Buffer.from('canary-data-key-value-32-bytes!!').toString('base64'),
  }

  test('prints every function, trigger list, permission, collection and index, and no secret', () => {
    const out = run(['--env', 'lantian-prod-1a2b'], canaries)
    for (const f of FUNCTIONS) expect(out).toContain(`  ${f.name}: ${f.runtime}, ${f.memoryMB} MB, timeout ${f.timeoutSec} s`)
    for (const c of COLLECTION_DECLARATIONS) {
      expect(out).toContain(`  ${c.name}: permission ADMINONLY`)
      for (const i of c.indexes) expect(out).toContain(`index ${i.name}`)
    }
    expect(out).toContain('timer triggers:')
    expect(out).toContain('openapi permissions (config.json):')
    expect(out).toContain('LANTIAN_DATA_KEY=<secret from your shell: set>')
    for (const v of Object.values(canaries)) expect(out).not.toContain(v)
  })

  test('works on a fresh clone: no config, no credentials, no data key; --json is machine-readable', () => {
    const out = run(['--json'], {})
    const parsed = JSON.parse(out) as { desired: DesiredState; changesOnEmptyEnvironment: unknown[] }
    expect(parsed.desired.functions.map((f) => f.name)).toEqual(FUNCTIONS.map((f) => f.name))
    expect(parsed.desired.functions[0].env.find((e) => e.name === 'LANTIAN_DATA_KEY')?.value).toBe('<not set>')
    expect(parsed.changesOnEmptyEnvironment.length).toBeGreaterThan(FUNCTIONS.length)
  })
})

describe('npm run deploy (for real) refuses to start without what it needs', () => {
  const run = (args: string[], env: Record<string, string>) => {
    try {
      execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/deploy/main.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv,
        encoding: 'utf8',
        stdio: 'pipe',
      })
      return { status: 0, stderr: '' }
    } catch (err) {
      const e = err as { status: number; stderr: string }
      return { status: e.status, stderr: e.stderr }
    }
  }

  test('no environment id, no credentials, no or a malformed data key: exit 1 with what to set, before any build or network call', () => {
    expect(run([], {})).toMatchObject({ status: 1, stderr: expect.stringContaining('no environment id') })
    const noSecrets = run(['--env', 'lantian-prod-1a2b'], {})
    expect(noSecrets.status).toBe(1)
    expect(noSecrets.stderr).toContain('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set')
    expect(noSecrets.stderr).toContain('LANTIAN_DATA_KEY must be set to base64 of 32 random bytes (it is missing)')
    const badKey = run(['--env', 'lantian-prod-1a2b'], { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key', LANTIAN_DATA_KEY: 'dG9vIHNob3J0' })
    expect(badKey.stderr).toContain('(the value is not)')
    expect(badKey.stderr).not.toContain('dG9vIHNob3J0')
    expect(badKey.stderr).not.toContain('TENCENTCLOUD_SECRETID and')
  })

  test('with the keys in KMS no data key is asked for, and one left in the shell is refused rather than deployed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantian-kms-'))
    try {
      writeFileSync(join(dir, 'kms.json'), JSON.stringify({ envId: 'lantian-prod-1a2b', region: 'ap-shanghai', settings: { LANTIAN_KEY_SOURCE: 'kms' } }))
      const config = ['--config', join(dir, 'kms.json')]
      const noKey = run(config, {})
      expect(noKey.stderr).toContain('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set')
      expect(noKey.stderr).not.toContain('LANTIAN_DATA_KEY')
      const leftOver = run(config, { LANTIAN_DATA_KEY: Buffer.alloc(32, 7).toString('base64') })
      expect(leftOver).toMatchObject({ status: 1, stderr: expect.stringContaining('LANTIAN_KEY_SOURCE is kms: unset LANTIAN_DATA_KEY') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
