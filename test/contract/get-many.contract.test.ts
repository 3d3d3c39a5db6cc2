/**
 * Batched reads by id on both stores (what exports read per page instead of a read per record):
 * the records that exist, however many ids (CloudBase: an `in` query per 100), unknown ids left out.
 */
import type { Store } from '../../server/ports'
import { applicationRecord } from '../support/fixtures'
import { measureRecord } from '../support/household-records'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

const app = (id: string) => applicationRecord(id, { status: 'filed' })

describe.each(factories)('reads by ids: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  it('applications and measures: 250 ids in a few queries, unknown ones left out', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `a${String(i).padStart(3, '0')}`)
    for (const id of ids) await store.repos.applications.insert(app(id))
    for (const id of ids.slice(0, 120)) await store.repos.measures.insert(measureRecord(`m-${id}`))
    const before = name === 'cloudbase' ? standin().requests.length : 0

    const apps = await store.repos.applications.getMany([...ids, 'missing'])
    expect(apps.map((a) => a.id).sort()).toEqual(ids)
    expect(apps.find((a) => a.id === 'a007')).toEqual(app('a007'))
    const measures = await store.repos.measures.getMany(['m-a000', 'm-a119', 'm-a200'])
    expect(measures.map((m) => m.id).sort()).toEqual(['m-a000', 'm-a119'])
    expect(await store.repos.applications.getMany([])).toEqual([])
    if (name === 'cloudbase') expect(standin().requests.length - before).toBe(3 + 1)
  })
})
