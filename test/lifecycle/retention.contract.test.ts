/** The retention schedule on both stores: documents of long-closed applications deleted, each deletion audited, nothing else touched. */
import type { ApplicationRecord, DocumentRecord } from '../../server/ports'
import { applyRetention, RETENTION_ACTOR } from '../../server/usecases/lifecycle/retention'
import { purgeAbandonedDrafts } from '../../server/usecases/lifecycle/abandoned-drafts'
import { openApplicationOf } from '../../server/usecases/shared/claim-keys'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { contractStores } from '../contract/stores'
import { TEST_POLICY } from '../support/deps'
import { daysAgo, NOW, retentionFixture } from './retention-fixture'

const { factories } = contractStores()
const doc = (id: string, kind: DocumentRecord['kind']): DocumentRecord => ({ id, kind, fileName: `${id}.jpg`, contentType: 'image/jpeg', size: 10, storageKey: `docs/${id}.jpg`, uploadedAt: daysAgo(400) })
const app = (id: string, status: ApplicationRecord['status'], closedDaysAgo: number): ApplicationRecord => ({
  id, number: `MLS-2026-0000${id.slice(-2)}`, applicantOpenid: `o-${id}`, unitId: 'unit-root', status, version: 3, name: '张小明', idNumberEnc: '', idNumberHash: '', phoneEnc: '',
  employer: '', mainCause: 'other', timeline: [], createdAt: daysAgo(400), updatedAt: daysAgo(closedDaysAgo),
  documents: [doc(`${id}-id`, 'id-card'), doc(`${id}-bank`, 'bank-card')], visitPhotos: [doc(`${id}-visit`, 'other')],
})

describe.each(factories)('retention schedule: %s', (_name, open) => {
  const f = retentionFixture(open)
  beforeEach(async () => {
    for (const a of [app('a-01', 'rejected', 200), app('a-02', 'withdrawn', 181), app('a-03', 'withdrawn', 10), app('a-04', 'screening', 300)]) await f.store.repos.applications.insert(a)
  })

  test('unset, nothing is deleted', async () => {
    expect(await applyRetention(f.deps)).toEqual({ deleted: {}, filesRemoved: 0 })
    expect(f.removed).toEqual([])
  })

  test('set to 180 days: the two closed long enough lose their files, once, each deletion in the audit log', async () => {
    await f.store.repos.policies.put({ ...TEST_POLICY, retention: { closedApplicationDocuments: 180 } })
    expect(await applyRetention(f.deps)).toEqual({ deleted: { closedApplicationDocuments: 2 }, filesRemoved: 6 })
    expect([...f.removed].sort()).toEqual(['docs/a-01-bank.jpg', 'docs/a-01-id.jpg', 'docs/a-01-visit.jpg', 'docs/a-02-bank.jpg', 'docs/a-02-id.jpg', 'docs/a-02-visit.jpg'])
    const a1 = await f.store.repos.applications.get('a-01')
    expect(a1).toMatchObject({ documents: [], visitPhotos: [], documentsPurgedAt: NOW.toISOString(), status: 'rejected', name: '张小明' })
    expect((await f.store.repos.applications.get('a-03'))?.documents).toHaveLength(2)
    expect((await f.store.repos.applications.get('a-04'))?.documents).toHaveLength(2)
    const events = await f.store.repos.audit.list(null, 20)
    expect(events.filter((e) => e.actor === RETENTION_ACTOR).map((e) => [e.action, e.subject, e.detail.documents])).toEqual([
      ['retention.delete-documents', 'application:a-01', ['id-card', 'bank-card']],
      ['retention.delete-documents', 'application:a-02', ['id-card', 'bank-card']],
    ])
    expect(await findAuditBreak(f.store.repos, f.deps.cipher)).toBeNull()
    expect(await applyRetention(f.deps)).toEqual({ deleted: { closedApplicationDocuments: 0 }, filesRemoved: 0 })
  })
})

describe.each(factories)('retention schedule for abandoned drafts: %s', (_name, open) => {
  const f = retentionFixture(open)
  const draft = (id: string, savedDaysAgo: number, extra: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
    ...app(id, 'draft', savedDaysAgo), number: `DRAFT-${id}`, applicantOpenid: `o-${id}`, visitPhotos: [], draft: { sealed: 'x' } as unknown as ApplicationRecord['draft'], ...extra,
  })
  beforeEach(async () => {
    const drafts = [draft('d-01', 100), draft('d-02', 95, { typedBy: { openid: 'o-caseworker', name: '李娟' } } as Partial<ApplicationRecord>), draft('d-03', 85), draft('d-04', 10)]
    for (const d of drafts) {
      await f.store.repos.applications.insert(d)
      await f.store.repos.claims.create(openApplicationOf(d.applicantOpenid), d.id)
    }
    await f.store.repos.policies.put({ ...TEST_POLICY, retention: { abandonedDrafts: 90 } })
  })

  const messagesOf = async (openid: string) => (await f.store.repos.messages.listFor(openid, { offset: 0, limit: 20 })).items.map((m) => m.title)

  test('unset, no draft is touched', async () => {
    await f.store.repos.policies.put({ ...TEST_POLICY })
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: true })).toEqual({ draftsDeleted: 0, draftsWarned: 0, filesRemoved: 0 })
    expect((await f.store.repos.applications.get('d-01'))?.status).toBe('draft')
  })

  test('90 days: the drafts saved longer ago lose their values, documents and name, the worker is told and may apply again; each deletion audited', async () => {
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: false })).toEqual({ draftsDeleted: 2, draftsWarned: 0, filesRemoved: 4 })
    expect([...f.removed].sort()).toEqual(['docs/d-01-bank.jpg', 'docs/d-01-id.jpg', 'docs/d-02-bank.jpg', 'docs/d-02-id.jpg'])
    const d1 = await f.store.repos.applications.get('d-01')
    expect(d1).toMatchObject({ status: 'withdrawn', name: '', employer: '', version: 4 })
    expect(d1?.draft).toBeUndefined()
    expect(d1?.documents).toBeUndefined()
    expect(d1?.timeline.at(-1)?.note).toBe('草稿超过90天未修改，已按个人信息保存期限删除')
    expect(await f.store.repos.claims.get(openApplicationOf('o-d-01'))).toBeNull()
    expect(await f.store.repos.claims.get(openApplicationOf('o-d-03'))).toEqual({ key: openApplicationOf('o-d-03'), holder: 'd-03' })
    expect(await messagesOf('o-d-01')).toEqual(['申请草稿已删除'])
    // A 代为申请 draft: the caseworker typing it is told, not the placeholder applicant.
    expect(await messagesOf('o-caseworker')).toEqual(['申请草稿已删除'])
    expect(await messagesOf('o-d-02')).toEqual([])
    expect((await f.store.repos.applications.get('d-03'))?.status).toBe('draft')
    const events = (await f.store.repos.audit.list(null, 20)).filter((e) => e.actor === RETENTION_ACTOR)
    expect(events.map((e) => [e.action, e.subject, e.detail.documents, e.detail.assisted])).toEqual([
      ['retention.delete-draft', 'application:d-01', ['id-card', 'bank-card'], false],
      ['retention.delete-draft', 'application:d-02', ['id-card', 'bank-card'], true],
    ])
    expect(JSON.stringify(events)).not.toContain('张小明')
    expect(await findAuditBreak(f.store.repos, f.deps.cipher)).toBeNull()
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: false })).toMatchObject({ draftsDeleted: 0 })
  })

  test('a week before: the worker is told once per save, with the day; a save after the warning restarts the count', async () => {
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: true })).toMatchObject({ draftsDeleted: 2, draftsWarned: 1 })
    const [warning] = (await f.store.repos.messages.listFor('o-d-03', { offset: 0, limit: 5 })).items
    expect(warning.title).toBe('申请草稿即将删除')
    expect(warning.body).toContain('已有85天未修改')
    expect(warning.body).toContain('2026年9月6日前')
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: true })).toMatchObject({ draftsWarned: 0 })
    const d3 = (await f.store.repos.applications.get('d-03'))!
    expect(await f.store.repos.applications.update({ ...d3, version: d3.version + 1, updatedAt: new Date(NOW.getTime() - 86 * 86_400_000).toISOString() }, d3.version)).toBe(true)
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: true })).toMatchObject({ draftsWarned: 1 })
    expect(await messagesOf('o-d-03')).toEqual(['申请草稿即将删除', '申请草稿即将删除'])
    // Past the 90 days the draft goes, and the warning's mark with it.
    f.clock.advance(5 * 86_400_000)
    expect(await purgeAbandonedDrafts(f.deps, 50, { warn: false })).toMatchObject({ draftsDeleted: 1 })
    expect(await f.store.repos.claims.get('retention-warned:draft:d-03')).toBeNull()
    expect((await f.store.repos.applications.get('d-04'))?.status).toBe('draft')
  })
})
