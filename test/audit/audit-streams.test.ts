/**
 * The audit log's streams and anchors on both stores: events written through the use-case code
 * (appendAudit in transactions, auditRead outside them), an anchor by the timers' job, then the
 * database tampered with as someone holding it would (SQL on the SQLite file; the real SDK on the
 * stand-in): a changed, a deleted and a reordered event, a stream's tail cut off before the last
 * anchor, an anchor rewritten. And what an anchor cannot show: a tail cut after it.
 */
import Database from 'better-sqlite3'
import { verifyAudit } from '../../scripts/audit-verify'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { auditId } from '../../server/adapters/cloudbase/audit-repository'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Deps, Store } from '../../server/ports'
import { anchorAudit, anchorMessage, ANCHOR_EVERY_MS } from '../../server/usecases/shared/audit-anchor'
import { appendAudit, auditRead } from '../../server/usecases/shared/audit'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { sqliteDeps, tempDir, type TestClock } from '../support/deps'

/** What someone holding the database does to an event (stream, seq). */
interface Tamper {
  setDetail(stream: string, seq: number, detail: object): Promise<void>
  remove(stream: string, seq: number): Promise<void>
  /** Swaps the two events' places in their stream (each takes the other's seq). */
  swap(stream: string, a: number, b: number): Promise<void>
  setAnchorHash(n: number, hash: string): Promise<void>
}

type Opened = { store: Store; tamper: Tamper; close: () => Promise<void> }

let standin: Standin
beforeAll(async () => {
  standin = await startDeployedStandin()
  useStandin(standin)
})
afterAll(() => standin.close())

const sqlite = (): Opened => {
  const { dir, cleanup } = tempDir('lantian-audit-streams-')
  const file = `${dir}/audit.db`
  const store = openSqliteStore(file)
  const run = async (sql: string, ...args: unknown[]) => {
    const db = new Database(file)
    db.prepare(sql).run(...args)
    db.close()
  }
  return {
    store,
    tamper: {
      setDetail: (stream, seq, detail) => run('UPDATE audit_events SET detail = ? WHERE stream = ? AND seq = ?', JSON.stringify(detail), stream, seq),
      remove: (stream, seq) => run('DELETE FROM audit_events WHERE stream = ? AND seq = ?', stream, seq),
      swap: async (stream, a, b) => {
        await run('UPDATE audit_events SET seq = -1 WHERE stream = ? AND seq = ?', stream, a)
        await run('UPDATE audit_events SET seq = ? WHERE stream = ? AND seq = ?', a, stream, b)
        await run('UPDATE audit_events SET seq = ? WHERE stream = ? AND seq = -1', b, stream)
      },
      setAnchorHash: (n, hash) => run('UPDATE audit_anchors SET hash = ? WHERE n = ?', hash, n),
    },
    close: async () => (await store.close(), cleanup()),
  }
}

const cloudbase = (): Opened => {
  standin.reset()
  useStandin(standin)
  const events = () => getDb().collection('audit_events')
  return {
    store: createCloudbaseStore(),
    tamper: {
      setDetail: async (stream, seq, detail) => void (await events().doc(auditId(stream, seq)).update({ detail: getDb().command.set(detail) })),
      // As someone cutting a tail would: a head hint on the removed event is moved back to the one before.
      remove: async (stream, seq) => {
        await events().doc(auditId(stream, seq)).remove()
        const hint = (await getDb().collection('audit_heads').doc(stream).get()).data as unknown as { seq: number }[]
        if (hint[0]?.seq !== seq) return
        const { data } = await events().doc(auditId(stream, seq - 1)).get()
        const before = (data as unknown as { seq: number; hash: string; at: string }[])[0]
        if (before) await getDb().collection('audit_heads').doc(stream).set({ stream, seq: before.seq, hash: before.hash, at: before.at })
        else await getDb().collection('audit_heads').doc(stream).remove()
      },
      swap: async (stream, a, b) => {
        await events().doc(auditId(stream, a)).update({ seq: b })
        await events().doc(auditId(stream, b)).update({ seq: a })
      },
      setAnchorHash: async (n, hash) => void (await getDb().collection('audit_anchors').doc(String(n).padStart(12, '0')).update({ hash })),
    },
    close: async () => undefined,
  }
}

const APP = 'application:app-1'
const HOUSEHOLD = 'household:hh-1'

/** Events in three streams, an anchor, then one more event in the application's stream. */
async function history(deps: Deps, clock: TestClock): Promise<void> {
  await deps.store.repos.staff.put({ openid: 'o-admin', displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
  const write = (action: string, subject: string, version: number) =>
    deps.store.transaction((r) => appendAudit(r, deps.cipher, clock.now(), { actor: 'o-staff', action, subject, detail: { version } }))
  for (let v = 1; v <= 4; v++) {
    await write('application.update', 'app-1', v)
    await write('household.update', 'hh-1', v)
    clock.advance(1000)
  }
  await auditRead(deps, { actor: 'o-staff', action: 'application.reveal', subject: 'app-1', detail: { field: 'applicant.phone' } })
  await write('station.update', 'st-1', 1)
  clock.advance(ANCHOR_EVERY_MS)
  expect(await anchorAudit(deps)).toMatchObject({ n: 1, heads: [{ stream: APP, seq: 5 }, { stream: HOUSEHOLD, seq: 4 }, { stream: 'station:st-1', seq: 1 }] })
  clock.advance(1000)
  await write('application.update', 'app-1', 5)
}

describe.each([
  ['sqlite', sqlite],
  ['cloudbase', cloudbase],
] as const)('audit streams and anchors: %s', (_name, open) => {
  let opened: Opened
  let deps: Deps
  let clock: TestClock
  let closeDeps: () => Promise<void>
  beforeEach(async () => {
    opened = open()
    const t = sqliteDeps(opened.store)
    ;({ deps, clock } = t)
    closeDeps = t.close
    await t.ready
    await history(deps, clock)
  })
  afterEach(async () => {
    await closeDeps()
    await opened.close()
  })

  test('intact: every stream and the anchor verify; the anchor went to the admin as a message', async () => {
    const anchor = (await deps.store.repos.audit.lastAnchor())!
    expect(await verifyAudit(deps.store.repos, deps.cipher, { n: 1, hash: anchor.hash })).toEqual({ ok: true, count: 11, streams: 3, lastAnchor: { n: 1, hash: anchor.hash } })
    const { items } = await deps.store.repos.messages.listFor('o-admin', { offset: 0, limit: 10 })
    expect(items).toEqual([expect.objectContaining(anchorMessage(anchor))])
    expect(items[0].body).toContain(anchor.hash)
  })

  test('a changed event', async () => {
    await opened.tamper.setDetail(HOUSEHOLD, 2, { version: 99 })
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toEqual({ ok: false, stream: HOUSEHOLD, seq: 2, reason: 'event changed' })
  })

  test('a deleted event', async () => {
    await opened.tamper.remove(APP, 3)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toEqual({ ok: false, stream: APP, seq: 3, reason: 'missing event' })
  })

  test('two events of a stream reordered', async () => {
    await opened.tamper.swap(APP, 2, 4)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toEqual({ ok: false, stream: APP, seq: 2, reason: 'chain broken' })
  })

  test('a tail cut off up to the last anchor, and a whole stream removed', async () => {
    await opened.tamper.remove(HOUSEHOLD, 4)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toEqual({ ok: false, stream: HOUSEHOLD, seq: 4, reason: 'events cut off before the last anchor' })
    await opened.tamper.remove('station:st-1', 1)
    await opened.tamper.remove(HOUSEHOLD, 3)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toMatchObject({ ok: false, reason: 'events cut off before the last anchor' })
  })

  test('an anchor rewritten, or not the one the admins hold', async () => {
    const sent = (await deps.store.repos.audit.lastAnchor())!
    expect(await verifyAudit(deps.store.repos, deps.cipher, { n: 1, hash: 'f'.repeat(64) })).toMatchObject({ ok: false, stream: 'anchor', seq: 1 })
    await opened.tamper.setAnchorHash(1, 'e'.repeat(64))
    expect(await verifyAudit(deps.store.repos, deps.cipher, sent)).toEqual({ ok: false, stream: 'anchor', seq: 1, reason: 'anchor changed' })
  })

  test('the window: a tail cut after the last anchor is not seen; the next anchor closes it', async () => {
    await opened.tamper.remove(APP, 6)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toMatchObject({ ok: true, count: 10 })
    await deps.store.transaction((r) => appendAudit(r, deps.cipher, clock.now(), { actor: 'o-staff', action: 'application.update', subject: 'app-1', detail: { version: 6 } }))
    expect(await anchorAudit(deps)).toBeNull()
    clock.advance(ANCHOR_EVERY_MS)
    expect(await anchorAudit(deps)).toMatchObject({ n: 2, heads: [{ stream: APP, seq: 6 }] })
    await opened.tamper.remove(APP, 6)
    expect(await verifyAudit(deps.store.repos, deps.cipher)).toEqual({ ok: false, stream: APP, seq: 6, reason: 'events cut off before the last anchor' })
  })
})
