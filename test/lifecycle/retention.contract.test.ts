/** The retention schedule on both stores: documents of long-closed applications deleted, each deletion audited, nothing else touched. */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import type { ApplicationRecord, Deps, DocumentRecord, FileStore, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { purgeClosedDocuments, RETENTION_ACTOR } from '../../server/usecases/lifecycle/retention'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { contractStores } from '../contract/stores'
import { seedTestUnits, TEST_POLICY, TestClock } from '../support/deps'

const { factories } = contractStores()
const NOW = new Date('2026-09-01T02:00:00.000Z')
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString()
const doc = (id: string, kind: DocumentRecord['kind']): DocumentRecord => ({ id, kind, fileName: `${id}.jpg`, contentType: 'image/jpeg', size: 10, storageKey: `docs/${id}.jpg`, uploadedAt: daysAgo(400) })
const app = (id: string, status: ApplicationRecord['status'], closedDaysAgo: number): ApplicationRecord => ({
  id, number: `MLS-2026-0000${id.slice(-2)}`, applicantOpenid: `o-${id}`, unitId: 'unit-root', status, version: 3, name: '张小明', idNumberEnc: '', idNumberHash: '', phoneEnc: '',
  employer: '', mainCause: 'other', timeline: [], createdAt: daysAgo(400), updatedAt: daysAgo(closedDaysAgo),
  documents: [doc(`${id}-id`, 'id-card'), doc(`${id}-bank`, 'bank-card')], visitPhotos: [doc(`${id}-visit`, 'other')],
})

describe.each(factories)('retention schedule: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  const removed: string[] = []
  const files = { remove: async (key: string) => void removed.push(key) } as unknown as FileStore
  let deps: Deps
  beforeEach(async () => {
    ;({ store, close } = open())
    removed.length = 0
    await seedTestUnits(store)
    deps = { store, clock: new TestClock(NOW), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files }
    for (const a of [app('a-01', 'rejected', 200), app('a-02', 'withdrawn', 181), app('a-03', 'withdrawn', 10), app('a-04', 'screening', 300)]) await store.repos.applications.insert(a)
  })
  afterEach(() => close())

  test('unset, nothing is deleted', async () => {
    expect(await purgeClosedDocuments(deps)).toEqual({ applicationsPurged: 0, filesRemoved: 0, filesFailed: 0 })
    expect(removed).toEqual([])
  })

  test('set to 180 days: the two closed long enough lose their files, once, each deletion in the audit log', async () => {
    await store.repos.policies.put({ ...TEST_POLICY, retention: { closedApplicationDocuments: 180 } })
    expect(await purgeClosedDocuments(deps)).toEqual({ applicationsPurged: 2, filesRemoved: 6, filesFailed: 0 })
    expect([...removed].sort()).toEqual(['docs/a-01-bank.jpg', 'docs/a-01-id.jpg', 'docs/a-01-visit.jpg', 'docs/a-02-bank.jpg', 'docs/a-02-id.jpg', 'docs/a-02-visit.jpg'])
    const a1 = await store.repos.applications.get('a-01')
    expect(a1).toMatchObject({ documents: [], visitPhotos: [], documentsPurgedAt: NOW.toISOString(), status: 'rejected', name: '张小明' })
    expect((await store.repos.applications.get('a-03'))?.documents).toHaveLength(2)
    expect((await store.repos.applications.get('a-04'))?.documents).toHaveLength(2)
    const events = await store.repos.audit.list(null, 20)
    expect(events.filter((e) => e.actor === RETENTION_ACTOR).map((e) => [e.action, e.subject, e.detail.documents])).toEqual([
      ['retention.delete-documents', 'application:a-01', ['id-card', 'bank-card']],
      ['retention.delete-documents', 'application:a-02', ['id-card', 'bank-card']],
    ])
    expect(await findAuditBreak(store.repos, deps.cipher)).toBeNull()
    expect(await purgeClosedDocuments(deps)).toMatchObject({ applicationsPurged: 0 })
  })
})
