/**
 * The year's application-number counter under contention: every submit takes a number outside its
 * transaction at once. On CloudBase each number is one atomic update and one read, never retried;
 * the numbers are consecutive, without gaps from contention. Both stores; the stand-in with 10 ms
 * on every database request.
 */
import type { Store } from '../../server/ports'
import { RECENT_TAKERS } from '../../server/adapters/cloudbase/counter-repository'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)
const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

describe.each(factories)('counters under contention (%s)', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => {
    ;({ store, close } = open())
    if (name === 'cloudbase') standin().limits.latencyMs = 10
  })
  afterEach(async () => {
    standin().limits.latencyMs = 0
    await close()
  })

  test('50 concurrent takers get 50 distinct consecutive numbers, each with one write and one read', async () => {
    expect(await store.repos.counters.next('application-number:2026')).toBe(1)
    const before = standin().requests.length
    const values = await Promise.all(range(0, 50).map(() => store.repos.counters.next('application-number:2026')))
    expect(sorted(values)).toEqual(range(2, 50))
    if (name === 'cloudbase') {
      const seen = standin().requests.slice(before)
      expect(seen.filter((q) => q.action === 'database.modifyDocument')).toHaveLength(50)
      expect(seen.filter((q) => q.action === 'database.getDocument')).toHaveLength(50)
      expect(seen).toHaveLength(100)
    }
    expect(await store.repos.counters.next('application-number:2026')).toBe(52)
  })

  test('20 concurrent first takers of a new name get 1 to 20', async () => {
    const values = await Promise.all(range(0, 20).map(() => store.repos.counters.next('household-2027')))
    expect(sorted(values)).toEqual(range(1, 20))
  })

  test('numbers follow the order the updates landed in, however late each taker reads', async () => {
    const first = await store.repos.counters.next('n')
    const [a, b] = await Promise.all([store.repos.counters.next('n'), store.repos.counters.next('n')])
    expect(first).toBe(1)
    expect(sorted([a, b])).toEqual([2, 3])
  })

  if (name === 'cloudbase') {
    test('a counter written before this change (no takers remembered) goes on from its value', async () => {
      const seed = await store.transaction(async (r) => {
        let last = 0
        for (let i = 0; i < 41; i++) last = await r.counters.next('application-number:2025')
        return last
      })
      expect(seed).toBe(41)
      expect(standin().collections().get('counters')!.get('application-number:2025')).toEqual({ _id: 'application-number:2025', value: 41 })
      const values = await Promise.all(range(0, 5).map(() => store.repos.counters.next('application-number:2025')))
      expect(sorted(values)).toEqual(range(42, 5))
    })

    test(`the document keeps only the last ${RECENT_TAKERS} takers`, async () => {
      standin().limits.latencyMs = 0
      for (let i = 0; i < RECENT_TAKERS + 5; i++) await store.repos.counters.next('kept')
      const doc = standin().collections().get('counters')!.get('kept') as unknown as { value: number; recent: string[] }
      expect(doc.value).toBe(RECENT_TAKERS + 5)
      expect(doc.recent).toHaveLength(RECENT_TAKERS)
      expect(new Set(doc.recent).size).toBe(RECENT_TAKERS)
    })
  }
})
