/**
 * `npm run audit:verify` against a local data directory, and SQLite's migration 11: a database of
 * the release before, whose one chain becomes the `legacy` stream unchanged, then events in
 * streams through the use-case code; tampered with directly in SQLite.
 */
import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { bindRepositories, openSqliteStore } from '../../server/adapters/sqlite'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import { appendAudit, auditHash, GENESIS, LEGACY_STREAM } from '../../server/usecases/shared/audit'
import { verifyAudit } from '../../scripts/audit-verify'
import { tempDir } from '../support/deps'

const root = resolve(__dirname, '../..')
const key = randomBytes(32)
const cipher = createCipher(key)
let dir: string
let cleanup: () => void

/** A database as the release before issue 11 left it: migrations 1 to 10 and one chain of 3 events. */
function oldDatabase(file: string): void {
  const db = new Database(file)
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= 10)) {
    db.exec(m.sql)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  let prevHash = GENESIS
  for (let seq = 1; seq <= 3; seq++) {
    const base = { seq, at: `2026-03-01T02:00:0${seq}.000Z`, actor: 'o-admin', action: 'unit.rename', subject: 'unit-x', detail: { version: seq }, prevHash }
    // The old hash: the same fields without a stream, which is how the legacy stream is verified.
    const hash = auditHash(cipher, { stream: LEGACY_STREAM, ...base })
    db.prepare('INSERT INTO audit_events (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(seq, base.at, base.actor, base.action, base.subject, JSON.stringify(base.detail), prevHash, hash)
    prevHash = hash
  }
  db.close()
}

/** A data directory like the local app's: an old lantian.db migrated on open, 6 events in 3 streams after it, and keys/data.key. */
async function dataDir(name: string): Promise<string> {
  const d = join(dir, name)
  mkdirSync(d)
  oldDatabase(join(d, 'lantian.db'))
  const store = openSqliteStore(join(d, 'lantian.db'))
  for (let i = 1; i <= 6; i++) {
    await store.transaction((r) => appendAudit(r, cipher, new Date(Date.UTC(2026, 2, 2, 2, i)), { actor: 'o-admin', action: 'unit.rename', subject: `unit-${i % 3}`, detail: { version: i } }))
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

test('migration 11 keeps the old chain as the legacy stream, verified with its old hashes; new events chain per unit', async () => {
  const d = await dataDir('intact')
  expect(await verdictOf(d)).toEqual({ ok: true, count: 9, streams: 4, lastAnchor: null })
  const db = new Database(join(d, 'lantian.db'), { readonly: true })
  const streams = db.prepare('SELECT stream, count(*) AS n FROM audit_events GROUP BY stream ORDER BY stream').all()
  db.close()
  expect(streams).toEqual([
    { stream: LEGACY_STREAM, n: 3 },
    { stream: 'unit:unit-0', n: 2 },
    { stream: 'unit:unit-1', n: 2 },
    { stream: 'unit:unit-2', n: 2 },
  ])
})

test('a legacy event changed, and one of a new stream deleted', async () => {
  const d = await dataDir('changed')
  tamper(d, [`UPDATE audit_events SET detail = '{"version":99}' WHERE stream = 'legacy' AND seq = 2`])
  expect(await verdictOf(d)).toEqual({ ok: false, stream: LEGACY_STREAM, seq: 2, reason: 'event changed' })
  const e = await dataDir('deleted')
  tamper(e, [`DELETE FROM audit_events WHERE stream = 'unit:unit-1' AND seq = 1`])
  expect(await verdictOf(e)).toEqual({ ok: false, stream: 'unit:unit-1', seq: 1, reason: 'missing event' })
})

test('the command: OK and exit 0 on an intact copy; the first broken seq and exit 1 after tampering; the key from the key file', async () => {
  const d = await dataDir('cli')
  const ok = await cli(['--data-dir', d])
  expect(ok).toMatchObject({ code: 0, out: 'OK: 9 audit events in 4 streams, no anchor yet\n' })
  const broken = join(dir, 'cli-broken')
  cpSync(d, broken, { recursive: true })
  tamper(broken, [`DELETE FROM audit_events WHERE stream = 'legacy' AND seq = 2`])
  expect(await cli([], { LANTIAN_DATA_DIR: broken, LANTIAN_DATA_KEY: key.toString('base64') })).toMatchObject({
    code: 1,
    out: 'BROKEN: the audit stream legacy breaks at seq 2 (missing event)\n',
  })
  const anchor = `1:${'a'.repeat(64)}`
  expect(await cli(['--data-dir', d, '--anchor', anchor])).toMatchObject({ code: 1, out: 'BROKEN: anchor 1 (the anchor the admins hold is missing)\n' })
  expect(await cli(['--data-dir', join(dir, 'nothing-here')])).toMatchObject({ code: 2, err: expect.stringContaining('no data key') })
  // Four runs of the command, each a new Node process compiling the script: 36 s on a loaded 2-core CI machine.
}, 120_000)
