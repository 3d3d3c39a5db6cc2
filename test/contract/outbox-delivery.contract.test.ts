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
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  test('three runs at the same instant send each of 8 keys exactly once', async () => {
    // One clock standing still: every run computes the same times, so only the lease id tells their claims apart.
    const deps: Deps = { store, clock: new TestClock(), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
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
})
