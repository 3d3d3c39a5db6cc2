/**
 * Households' evidence photos on both stores: added once by id (the same upload registered twice
 * is one record), read by id inside a transaction, listed per household oldest first, removed by
 * id (what the retention schedule does with a deregistered household's documents).
 */
import type { EvidenceRecord, Store } from '../../server/ports'
import { contractStores } from './stores'

const { factories } = contractStores()

const evidence = (id: string, householdId: string, minute: number): EvidenceRecord => ({
  id,
  householdId,
  unitId: 'unit-a1',
  fileName: `${id}.jpg`,
  contentType: 'image/jpeg',
  size: 2048,
  storageKey: `evidence/${householdId}/${id}.jpg`,
  uploadedAt: `2026-04-02T02:${String(minute).padStart(2, '0')}:00.000Z`,
  uploadedBy: 'o-caseworker',
})

describe.each(factories)('household evidence: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  it('adds once by id, reads by id in a transaction, lists a household oldest first, removes', async () => {
    expect(await store.repos.evidence.add(evidence('ev-2', 'h1', 20))).toBe(true)
    expect(await store.repos.evidence.add(evidence('ev-1', 'h1', 10))).toBe(true)
    expect(await store.repos.evidence.add(evidence('ev-3', 'h2', 5))).toBe(true)
    // The same upload registered again.
    expect(await store.repos.evidence.add({ ...evidence('ev-1', 'h1', 30), size: 1 })).toBe(false)
    expect(await store.repos.evidence.get('ev-1')).toEqual(evidence('ev-1', 'h1', 10))
    expect((await store.repos.evidence.listByHousehold('h1', 10)).map((e) => e.id)).toEqual(['ev-1', 'ev-2'])
    expect((await store.repos.evidence.listByHousehold('h1', 1)).map((e) => e.id)).toEqual(['ev-1'])
    expect((await store.repos.evidence.getMany(['ev-3', 'ev-9'])).map((e) => e.id)).toEqual(['ev-3'])
    const read = await store.transaction(async (repos) => [await repos.evidence.get('ev-2'), await repos.evidence.remove('ev-2'), await repos.evidence.remove('ev-2')])
    expect(read).toEqual([evidence('ev-2', 'h1', 20), true, false])
    expect(await store.repos.evidence.get('ev-2')).toBeNull()
    // A transaction that fails leaves the photo in place.
    await expect(store.transaction(async (repos) => (await repos.evidence.remove('ev-1'), Promise.reject(new Error('abort'))))).rejects.toThrow('abort')
    expect(await store.repos.evidence.get('ev-1')).not.toBeNull()
  })
})
