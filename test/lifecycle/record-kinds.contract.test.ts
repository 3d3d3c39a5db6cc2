/** Every other kind of personal record on the retention schedule, on both stores: what is due goes, each deletion audited by kind and count, the rest stays. */
import type { ApplicationRecord, DocumentRecord } from '../../server/ports'
import { applyRetention, RETENTION_ACTOR } from '../../server/usecases/lifecycle/retention'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { contractStores } from '../contract/stores'
import { TEST_POLICY } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { contactRecord, householdRecord } from '../support/household-records'
import { daysAgo, NOW, retentionFixture } from './retention-fixture'

const { factories } = contractStores()
const doc = (id: string): DocumentRecord => ({ id, kind: 'id-card', fileName: `${id}.jpg`, contentType: 'image/jpeg', size: 10, storageKey: `docs/${id}.jpg`, uploadedAt: daysAgo(900) })
const call = (id: string, note: string) => ({ kind: 'call' as const, outcome: 'reached' as const, note, id, at: daysAgo(500), by: 'o-cw', byName: '李娟' })

describe.each(factories)('retention of every other kind: %s', (_name, open) => {
  const f = retentionFixture(open)
  beforeEach(async () => {
    const r = f.store.repos
    for (const [id, age] of [['m-old', 200], ['m-new', 10]] as const) await r.messages.add({ id, openid: 'o-w', title: '审核结果', body: '张小明的申请已通过', applicationId: null, createdAt: daysAgo(age), readAt: null })
    await r.idempotency.put('o-w:submit:r-old', { ok: true, data: { name: '张小明' } }, daysAgo(100))
    await r.idempotency.put('o-w:submit:r-new', { ok: true }, daysAgo(5))
    const request = { kind: 'copy' as const, applicationId: 'a-filed', unitId: 'unit-root', note: '要一份材料副本', receivedOn: '2026-01-02', dueOn: '2026-02-01', openedBy: 'o-r', version: 2 }
    await r.personRequests.put({ ...request, id: 'pr-old', status: 'done', outcome: '已寄出副本', closedBy: 'o-r', closedAt: daysAgo(400), version: 1 }, 0)
    await r.personRequests.put({ ...request, id: 'pr-recent', status: 'refused', outcome: '无此申请', closedBy: 'o-r', closedAt: daysAgo(30), version: 1 }, 0)
    await r.personRequests.put({ ...request, id: 'pr-open', status: 'open', version: 1 }, 0)
    await r.contacts.add(contactRecord('c-old', { householdId: 'h-1', unitId: 'unit-root', createdAt: daysAgo(800) }))
    await r.contacts.add(contactRecord('c-new', { householdId: 'h-1', unitId: 'unit-root', createdAt: daysAgo(20) }))
    const apps: ApplicationRecord[] = [
      applicationRecord('a-filed', { unitId: 'unit-root', status: 'filed', updatedAt: daysAgo(700), householdId: 'h-1', review: [call('e1', '他说妻子住院了'), call('e2', '')], documents: [doc('f1')], visitPhotos: [doc('f1-visit')] }),
      applicationRecord('a-quiet', { unitId: 'unit-root', status: 'rejected', updatedAt: daysAgo(700) }),
      applicationRecord('a-active', { unitId: 'unit-root', status: 'screening', updatedAt: daysAgo(700), review: [call('e3', '下周再打')] }),
      applicationRecord('a-refiled', { unitId: 'unit-root', status: 'filed', updatedAt: daysAgo(10), householdId: 'h-2', documents: [doc('f2')] }),
    ]
    for (const a of apps) await r.applications.insert(a)
    await r.households.insert(householdRecord('h-1', { unitId: 'unit-root', status: 'deregistered', applicationIds: ['a-filed'], updatedAt: daysAgo(1200) }))
    await r.households.insert(householdRecord('h-2', { unitId: 'unit-root', status: 'filed', applicationIds: ['a-refiled'], updatedAt: daysAgo(1200) }))
    // Evidence photos: of the deregistered household (a 有变化 item, its proposal's proof), and of the one on file.
    for (const [id, householdId] of [['ev-1', 'h-1'], ['ev-2', 'h-1'], ['ev-3', 'h-2']]) {
      await r.evidence.add({ id, householdId, unitId: 'unit-root', fileName: `${id}.jpg`, contentType: 'image/jpeg', size: 10, storageKey: `evidence/${householdId}/${id}.jpg`, uploadedAt: daysAgo(1300), uploadedBy: 'o-cw' })
    }
  })

  test('unset, every record is kept', async () => {
    // Only the closed applications' documents have a period (nothing of theirs is that old): the other kinds are not even scanned.
    await f.store.repos.policies.put({ ...TEST_POLICY, retention: { closedApplicationDocuments: 3650 } })
    expect(await applyRetention(f.deps)).toEqual({ deleted: { closedApplicationDocuments: 0 }, filesRemoved: 0 })
    expect((await f.store.repos.messages.listFor('o-w', { offset: 0, limit: 5 })).total).toBe(2)
  })

  test('each kind past its period is deleted once, audited by kind and count, the rest kept', async () => {
    const retention = { messages: 180, requestReplies: 30, closedPersonRequests: 365, contactNotes: 730, callNotes: 365, deregisteredDocuments: 1095 }
    await f.store.repos.policies.put({ ...TEST_POLICY, retention })
    expect(await applyRetention(f.deps)).toEqual({
      deleted: { messages: 1, requestReplies: 1, closedPersonRequests: 1, contactNotes: 1, callNotes: 1, deregisteredDocuments: 1 },
      filesRemoved: 4,
    })
    const r = f.store.repos
    expect((await r.messages.listFor('o-w', { offset: 0, limit: 5 })).items.map((m) => m.id)).toEqual(['m-new'])
    expect(await r.idempotency.get('o-w:submit:r-old')).toBeNull()
    expect(await r.idempotency.get('o-w:submit:r-new')).toEqual({ ok: true })
    expect(await r.personRequests.get('pr-old')).toBeNull()
    expect(await r.personRequests.get('pr-recent')).toMatchObject({ outcome: '无此申请' })
    expect((await r.personRequests.openUnder('unit-root', null, 5)).map((p) => p.id)).toEqual(['pr-open'])
    expect(await r.personRequests.countOpenUnder('unit-root')).toBe(1)
    const contacts = (await r.contacts.listByHousehold('h-1', { offset: 0, limit: 5 })).items
    expect(contacts.find((c) => c.id === 'c-old')).toMatchObject({ notes: '', nextStep: '', kind: 'visit', on: '2026-03-01', byName: '周敏', notesPurgedAt: NOW.toISOString() })
    expect(contacts.find((c) => c.id === 'c-new')).toMatchObject({ notes: '入户走访，了解就医情况' })
    const filed = await r.applications.get('a-filed')
    expect(filed?.review?.map((e) => [e.kind, 'note' in e ? e.note : null, 'outcome' in e ? e.outcome : null])).toEqual([['call', '', 'reached'], ['call', '', 'reached']])
    expect(filed).toMatchObject({ callNotesPurgedAt: NOW.toISOString(), documentsPurgedAt: NOW.toISOString(), documents: [], visitPhotos: [], status: 'filed', name: '张小明' })
    expect((await r.applications.get('a-active'))?.review?.[0]).toMatchObject({ note: '下周再打' })
    // A closed application with no call note is only marked: no audit event, no count.
    expect((await r.applications.get('a-quiet'))?.callNotesPurgedAt).toBe(NOW.toISOString())
    expect((await r.applications.get('a-refiled'))?.documents).toHaveLength(1)
    expect(await r.households.get('h-1')).toMatchObject({ status: 'deregistered', documentsPurgedAt: NOW.toISOString() })
    expect([...f.removed].sort()).toEqual(['docs/f1-visit.jpg', 'docs/f1.jpg', 'evidence/h-1/ev-1.jpg', 'evidence/h-1/ev-2.jpg'])
    // The evidence of the deregistered household goes with its documents; the one on file keeps its own.
    expect(await r.evidence.listByHousehold('h-1', 5)).toEqual([])
    expect((await r.evidence.listByHousehold('h-2', 5)).map((e) => e.id)).toEqual(['ev-3'])

    const events = (await r.audit.list(null, 50)).filter((e) => e.actor === RETENTION_ACTOR)
    expect(events.map((e) => [e.action, e.subject]).sort()).toEqual([
      ['retention.delete-call-notes', 'application:a-filed'],
      ['retention.delete-contact-notes', 'contact:c-old'],
      ['retention.delete-deregistered-documents', 'household:h-1'],
      ['retention.delete-message', 'message:m-old'],
      ['retention.delete-person-request', 'application:a-filed'],
      ['retention.delete-reply', 'request-reply'],
    ])
    expect(events.find((e) => e.action === 'retention.delete-deregistered-documents')?.detail).toMatchObject({ applications: [{ id: 'a-filed', documents: ['id-card'], visitPhotos: 1 }], evidence: 2, retentionDays: 1095 })
    expect(events.find((e) => e.action === 'retention.delete-call-notes')?.detail).toMatchObject({ calls: 1 })
    const text = JSON.stringify(events)
    for (const secret of ['张小明', '妻子住院', '就医', '副本', 'submit:r-old']) expect(text).not.toContain(secret)
    expect(await findAuditBreak(r, f.deps.cipher)).toBeNull()

    expect(await applyRetention(f.deps)).toEqual({ deleted: { messages: 0, requestReplies: 0, closedPersonRequests: 0, contactNotes: 0, callNotes: 0, deregisteredDocuments: 0 }, filesRemoved: 0 })
  })

  test('a bounded batch: a backlog is taken `limit` records a run, the oldest first', async () => {
    for (let i = 0; i < 5; i++) await f.store.repos.messages.add({ id: `m-b${i}`, openid: 'o-b', title: '通知', body: '内容', applicationId: null, createdAt: daysAgo(300 + i), readAt: null })
    await f.store.repos.policies.put({ ...TEST_POLICY, retention: { messages: 180 } })
    expect(await applyRetention(f.deps, 2)).toEqual({ deleted: { messages: 2 }, filesRemoved: 0 })
    expect((await f.store.repos.messages.listFor('o-b', { offset: 0, limit: 9 })).items.map((m) => m.id)).toEqual(['m-b0', 'm-b1', 'm-b2'])
    expect(await applyRetention(f.deps, 2)).toEqual({ deleted: { messages: 2 }, filesRemoved: 0 })
    expect(await applyRetention(f.deps, 2)).toEqual({ deleted: { messages: 2 }, filesRemoved: 0 })
    expect(await applyRetention(f.deps, 2)).toEqual({ deleted: { messages: 0 }, filesRemoved: 0 })
    expect((await f.store.repos.messages.listFor('o-w', { offset: 0, limit: 9 })).items.map((m) => m.id)).toEqual(['m-new'])
  })
})
