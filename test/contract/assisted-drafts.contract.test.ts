/**
 * 我代填的申请 on both stores, through the event contract like a client: a caseworker sees the
 * 代为申请 drafts they started and have not submitted, last saved first, with the worker's name
 * masked once typed; nobody else's, none a submission has sent, none outside their jurisdiction.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { ApiReply } from '../../src/domain'
import type { AssistedDraftList, TakeoverCode } from '../../src/domain/api/review-field'
import { handleUpload } from '../../server/functions/upload'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { Store } from '../../server/ports'
import { submission, MORE_ID_NUMBERS } from '../support/forms'
import { JPEG, reviewFixture, type ReviewFixture } from '../support/review'
import { tempDir } from '../support/deps'
import { contractStores } from './stores'

const { factories } = contractStores()

const data = <T>(r: ApiReply<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}
const errorCode = (r: ApiReply<unknown>) => (r.ok ? null : r.error.code)

describe.each(factories)('assisted drafts: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let t: ReviewFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    t = await reviewFixture(store)
  })
  afterEach(async () => {
    await t.close()
    await close()
  })

  const drafts = async (openid: string) => data<AssistedDraftList>(await t.call(openid, 'review', 'assistedDrafts', {})).items
  const start = async (openid: string, unitId: string) => data<{ id: string }>(await t.call(openid, 'review', 'startAssisted', { unitId })).id

  it('lists the caller’s unsubmitted assisted drafts, last saved first, until they are submitted', async () => {
    // Two started at once by the same caseworker, one by a colleague.
    const [first, second] = await Promise.all([start('o-caseworker', 'unit-a1'), start('o-caseworker', 'unit-a')])
    t.clock.advance(60_000)
    const colleagues = await start('o-caseworker-2', 'unit-a1')
    expect(await drafts('o-caseworker')).toHaveLength(2)

    // The first gets a name typed and saved later: it leads, masked.
    t.clock.advance(60_000)
    const s = submission({ idNumber: MORE_ID_NUMBERS[0], name: '王老五' })
    s.form.applicant.unitId = 'unit-a1'
    const saved = data<{ savedAt: string }>(await t.call('o-caseworker', 'applicant', 'saveDraft', { values: s.form, step: 'documents', consent: s.consent, assisted: first }))
    const mine = await drafts('o-caseworker')
    expect(mine.map((d) => [d.id, d.nameMasked, d.unitName])).toEqual([
      [first, '王*五', '农机厂工会'],
      [second, null, '弥阳街道总工会'],
    ])
    expect(mine[0].savedAt).toBe(saved.savedAt)
    expect(mine[1].savedAt < mine[0].savedAt).toBe(true)
    expect(JSON.stringify(mine)).not.toContain('王老五')

    // Only one's own; a reviewer cannot type for a worker, so has no such list.
    expect((await drafts('o-caseworker-2')).map((d) => d.id)).toEqual([colleagues])
    expect(await drafts('o-b-staff')).toEqual([])
    expect(errorCode(await t.call('o-reviewer', 'review', 'assistedDrafts', {}))).toBe('FORBIDDEN')
    expect(errorCode(await t.call('w1', 'review', 'assistedDrafts', {}))).toBe('FORBIDDEN')

    // Submitted, it leaves the list (it is in the queue now).
    data(await handleUpload({ applicationId: first, kind: 'authorisation', fileName: '授权书.jpg', assisted: first }, JPEG, { openid: 'o-caseworker' }, t.deps))
    data(await t.call('o-caseworker', 'applicant', 'submit', { ...s, assisted: first }))
    expect((await drafts('o-caseworker')).map((d) => d.id)).toEqual([second])
  })

  it('withdraws an unused take-over code: it no longer works, once, audited; a new one does', async () => {
    const id = await start('o-caseworker', 'unit-a1')
    const s = submission({ idNumber: MORE_ID_NUMBERS[0], name: '王老五' })
    s.form.applicant.unitId = 'unit-a1'
    data(await handleUpload({ applicationId: id, kind: 'authorisation', fileName: '授权书.jpg', assisted: id }, JPEG, { openid: 'o-caseworker' }, t.deps))
    data(await t.call('o-caseworker', 'applicant', 'submit', { ...s, assisted: id }))
    const lost = data<TakeoverCode>(await t.call('o-caseworker', 'review', 'issueTakeover', { id }))
    const revoke = (openid: string, invitationId: string) => t.call(openid, 'review', 'revokeTakeover', { id, invitationId })
    expect(errorCode(await revoke('o-b-staff', lost.invitationId))).toBe('NOT_FOUND')
    expect(errorCode(await revoke('o-caseworker', 'inv-none'))).toBe('NOT_FOUND')
    // Two at once: one withdraws it, the other is told it already is.
    const both = await Promise.all([revoke('o-caseworker', lost.invitationId), revoke('o-caseworker-2', lost.invitationId)])
    expect(both.map(errorCode).sort()).toEqual(['CONFLICT', null])
    expect(errorCode(await t.call('w-old', 'applicant', 'takeOver', { code: lost.code }))).not.toBeNull()
    const events = await store.repos.audit.list(null, 500)
    expect(events.filter((e) => e.action === 'application.takeover.revoke' && e.subject === id).map((e) => e.detail.invitationId)).toEqual([lost.invitationId])

    const fresh = data<TakeoverCode>(await t.call('o-caseworker', 'review', 'issueTakeover', { id }))
    data(await t.call('w-old', 'applicant', 'takeOver', { code: fresh.code }))
    expect(errorCode(await revoke('o-caseworker', fresh.invitationId))).toBe('CONFLICT')
  })

  it('shows none of a unit that left the caller’s jurisdiction', async () => {
    await start('o-caseworker', 'unit-a1')
    expect(await drafts('o-caseworker')).toHaveLength(1)
    await store.repos.staff.put({ openid: 'o-caseworker', displayName: '李娟', unitId: 'unit-b', roles: ['caseworker'], active: true })
    expect(await drafts('o-caseworker')).toEqual([])
  })
})

test('SQLite: migration 15 finds the assisted drafts written before it', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < 15)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  const at = '2026-03-02T02:00:00.000Z'
  const doc = { id: 'a1', number: 'DRAFT-a1', applicantOpenid: 'assisted:a1', unitId: 'unit-a', status: 'draft', version: 1, createdAt: at, updatedAt: at, typedBy: { kind: 'caseworker', name: '李娟', at, openid: 'o-caseworker' } }
  old.prepare('INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(doc.id, doc.number, doc.applicantOpenid, doc.unitId, doc.status, doc.version, at, at, JSON.stringify(doc))
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    expect((await repos.applications.assistedDrafts('o-caseworker', 10)).map((r) => r.id)).toEqual(['a1'])
    expect(await repos.applications.assistedDrafts('o-caseworker-2', 10)).toEqual([])
  } finally {
    db.close()
    cleanup()
  }
})
