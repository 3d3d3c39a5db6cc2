/** Delivery runs racing on both stores: the claim (attempts + lease id) lets exactly one run send each key. */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps, FileStore, Notifier, OutboxEntry, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { deliverOutbox } from '../../server/usecases/shared/deliver-outbox'
import { TestClock } from '../support/deps'
import { contractStores } from './stores'
import { outboxEntry } from '../support/fixtures'

const { factories } = contractStores()

const entry = (key: string, more: Partial<OutboxEntry> = {}): OutboxEntry => outboxEntry(key, { recipientOpenid: 'o-worker', payload: { number: 'MLS-2026-000001', status: 'screening' }, ...more })

describe.each(factories)('outbox delivery: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  const TEMPLATE = 'TPL-STATUS-0001'
  beforeEach(async () => {
    ;({ store, close } = open())
    await store.repos.units.put({ id: 'unit-root', name: '市总工会', parentId: null, path: ['unit-root'] })
    await store.repos.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: { statusChanged: TEMPLATE } })
  })
  afterEach(() => close())
  const accept = async (n: number) => {
    for (let i = 0; i < n; i++) await store.repos.subscriptions.accept('o-worker', TEMPLATE, 'statusChanged', '2026-03-02T01:00:00.000Z', 20)
  }

  test('three runs at the same instant send each of 8 keys exactly once', async () => {
    // One clock standing still: every run computes the same times, so only the lease id tells their claims apart.
    const deps: Deps = { store, clock: new TestClock(), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
    // Steps along the way need two held: 9 acceptances cover 8 of them.
    await accept(9)
    for (let i = 0; i < 8; i++) await store.repos.outbox.enqueue(entry(`k${i}`))
    const sends: string[] = []
    // A send takes a while, so the other runs try their claims while it is in flight.
    const notifier: Notifier = {
      send: async (e) => {
        sends.push(e.key)
        await new Promise((r) => setTimeout(r, 40))
        return { status: 'sent' }
      },
    }
    const reports = await Promise.all([1, 2, 3].map(() => deliverOutbox(deps, notifier, { limit: 20 })))
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(8)
    expect([...sends].sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'])
    expect((await store.repos.outbox.listByStatus('sent', { offset: 0, limit: 20 })).total).toBe(8)
  })

  test('three runs at once never spend more acceptances than the worker gave: 3 held, 8 decisions, 3 sent', async () => {
    const deps: Deps = { store, clock: new TestClock(), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
    await accept(3)
    for (let i = 0; i < 8; i++) await store.repos.outbox.enqueue(entry(`d${i}`, { payload: { number: 'MLS-2026-000001', status: 'filed' } }))
    const sends: string[] = []
    const notifier: Notifier = {
      send: async (e) => {
        sends.push(e.key)
        await new Promise((r) => setTimeout(r, 20))
        return { status: 'sent' }
      },
    }
    const reports = await Promise.all([1, 2, 3].map(() => deliverOutbox(deps, notifier, { limit: 20 })))
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(3)
    expect(reports.reduce((n, r) => n + r.skipped, 0)).toBe(5)
    expect(sends).toHaveLength(3)
    expect((await store.repos.subscriptions.get('o-worker', TEMPLATE))?.remaining).toBe(0)
  })
})
