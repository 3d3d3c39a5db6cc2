/**
 * `npm run audit:verify` against a local data directory: a chain built through the use-case code,
 * then tampered with directly in SQLite (an event's detail changed, one deleted, two swapped).
 */
import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { bindRepositories, openSqliteStore } from '../../server/adapters/sqlite'
import { appendAudit } from '../../server/usecases/shared/audit'
import { verifyAudit } from '../../scripts/audit-verify'
import { tempDir } from '../support/deps'

const root = resolve(__dirname, '../..')
const key = randomBytes(32)
const cipher = createCipher(key)
let dir: string
let cleanup: () => void

/** A data directory like the local app's: lantian.db with 6 audit events, and keys/data.key. */
async function dataDir(name: string): Promise<string> {
  const d = join(dir, name)
  const store = openSqliteStore(join(d, 'lantian.db'))
  for (let i = 1; i <= 6; i++) {
    await store.transaction((r) => appendAudit(r, cipher, new Date(Date.UTC(2026, 2, 2, 2, i)), { actor: 'o-admin', action: 'unit.rename', subject: `unit-${i}`, detail: { version: i } }))
  }
  await store.close()
  mkdirSync(join(d, 'keys'), { mode: 0o700 })
  writeFileSync(join(d, 'keys', 'data.key'), key.toString('base64') + '\n', { mode: 0o600 })
  return d
}

function tamper(d: string, sql: string[]): void {
  const db = new Database(join(d, 'lantian.db'))
  for (const s of sql) db.exec(s)
  db.close()
}

async function verdictOf(d: string) {
  const db = new Database(join(d, 'lantian.db'), { readonly: true })
  try {
    return await verifyAudit(bindRepositories(db), cipher)
  } finally {
    db.close()
  }
}

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [require.resolve('tsx/cli'), 'scripts/audit-verify.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv, encoding: 'utf8' }, (e, out, err) =>
      done({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err }),
    ),
  )
}

beforeAll(() => ({ dir, cleanup } = tempDir('lantian-audit-')))
afterAll(() => cleanup())

test('an intact chain is OK with its count and head', async () => {
  const d = await dataDir('intact')
  expect(await verdictOf(d)).toMatchObject({ ok: true, count: 6, head: { seq: 6 } })
})

test('an event whose detail was changed in the database', async () => {
  const d = await dataDir('changed')
  tamper(d, [`UPDATE audit_events SET detail = '{"version":99}' WHERE seq = 3`])
  expect(await verdictOf(d)).toEqual({ ok: false, seq: 3, reason: 'event changed' })
})

test('an event deleted from the middle', async () => {
  const d = await dataDir('deleted')
  tamper(d, ['DELETE FROM audit_events WHERE seq = 4'])
  expect(await verdictOf(d)).toEqual({ ok: false, seq: 4, reason: 'missing event' })
})

test('two events swapped', async () => {
  const d = await dataDir('reordered')
  tamper(d, ['UPDATE audit_events SET seq = -1 WHERE seq = 2', 'UPDATE audit_events SET seq = 2 WHERE seq = 5', 'UPDATE audit_events SET seq = 5 WHERE seq = -1'])
  expect(await verdictOf(d)).toEqual({ ok: false, seq: 2, reason: 'chain broken' })
})

test('an event changed and its own hash recomputed still breaks the link to the next one', async () => {
  const d = await dataDir('rehashed')
  tamper(d, [`UPDATE audit_events SET actor = 'someone-else', hash = '${'f'.repeat(64)}' WHERE seq = 5`])
  const v = await verdictOf(d)
  expect(v.ok).toBe(false)
  expect(v).toMatchObject({ seq: 5 })
})

test('the command: OK and exit 0 on an intact copy; the first broken seq and exit 1 after tampering; the key from the key file', async () => {
  const d = await dataDir('cli')
  const ok = await cli(['--data-dir', d])
  expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: 6 audit events, head seq 6 hash [0-9a-f]{64}\n$/) })
  const broken = join(dir, 'cli-broken')
  cpSync(d, broken, { recursive: true })
  tamper(broken, ['DELETE FROM audit_events WHERE seq = 2'])
  expect(await cli([], { LANTIAN_DATA_DIR: broken, LANTIAN_DATA_KEY: key.toString('base64') })).toMatchObject({
    code: 1,
    out: 'BROKEN: the audit chain breaks at seq 2 (missing event)\n',
  })
  expect(await cli(['--data-dir', join(dir, 'nothing-here')])).toMatchObject({ code: 2, err: expect.stringContaining('no data key') })
}, 30000)
