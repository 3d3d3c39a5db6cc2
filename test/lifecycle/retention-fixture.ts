/** A fresh store for each retention test, on both stores: the test units, deps at a fixed time, and a file store that records what it removes. */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps, FileStore, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { seedTestUnits, TestClock } from '../support/deps'

export const NOW = new Date('2026-09-01T02:00:00.000Z')
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString()

export interface RetentionFixture {
  store: Store
  deps: Deps
  clock: TestClock
  /** Keys of the files removed in this test. */
  removed: string[]
}

/** Registers the set-up and tear-down of each test of the calling `describe`; read the fields inside the tests. */
export function retentionFixture(open: () => { store: Store; close: () => Promise<void> }): RetentionFixture {
  const f = { removed: [] as string[] } as RetentionFixture
  let close: () => Promise<void>
  const files = { remove: async (key: string) => void f.removed.push(key) } as unknown as FileStore
  beforeEach(async () => {
    ;({ store: f.store, close } = open())
    f.removed.length = 0
    await seedTestUnits(f.store)
    f.clock = new TestClock(NOW)
    f.deps = { store: f.store, clock: f.clock, ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files }
  })
  afterEach(() => close())
  return f
}
