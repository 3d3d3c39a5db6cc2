/**
 * Issue 6's records on both stores: household files (lists, searches, scans), aid measures, the
 * append-only ledger, the contact log, 户户清 campaigns and their checks, station counts by kind,
 * and transactions that leave nothing behind when they throw.
 */
import type { Store } from '../../server/ports'
import { campaignRecord, checkRecord, contactRecord, householdRecord, measureRecord, paymentEntry } from '../support/household-records'
import { stationRecord } from '../support/stations'
import { contractStores } from './stores'

const { factories } = contractStores()

const at = (minute: number) => `2026-03-02T02:${String(minute).padStart(2, '0')}:00.000Z`
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id)
const item = (minute: number) => ({ confirmed: true, note: '', evidenceIds: ['f1'], at: at(minute), by: 'o-cadre', byName: '周敏' })

describe.each(factories)('household records: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  describe('households', () => {
    /** Units u1..u3, each a tree of its own. */
    async function units() {
      for (const u of ['u1', 'u2', 'u3']) await store.repos.units.put({ id: u, name: u, parentId: null, path: [u] })
    }

    /** h1..h5 in u1 (h3 deregistered), h6 in u2, h7 in u3; numbers run against the ids. */
    async function seed() {
      await units()
      const r = store.repos.households
      const rows = [
        householdRecord('h1', { number: 'MLS-H-2026-000005' }),
        householdRecord('h2', { number: 'MLS-H-2026-000004', headName: '王大力' }),
        householdRecord('h3', { number: 'MLS-H-2026-000003', status: 'deregistered' }),
        householdRecord('h4', { number: 'MLS-H-2026-000002' }),
        householdRecord('h5', { number: 'MLS-H-2026-000001', headName: '李四' }),
        householdRecord('h6', { number: 'MLS-H-2026-000006', unitId: 'u2', headName: '王大力' }),
        householdRecord('h7', { number: 'MLS-H-2026-000007', unitId: 'u3', headName: '王大力' }),
      ]
      for (const h of rows) await r.insert(h)
      return rows
    }

    test('names: the file number and head’s name of each household found, as the latest update left them', async () => {
      await seed()
      const r = store.repos.households
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
      expect(byId(await r.names(['h5', 'none', 'h2', 'h6']))).toEqual([
        { id: 'h2', number: 'MLS-H-2026-000004', headName: '王大力' },
        { id: 'h5', number: 'MLS-H-2026-000001', headName: '李四' },
        { id: 'h6', number: 'MLS-H-2026-000006', headName: '王大力' },
      ])
      expect(await r.names([])).toEqual([])
      const h5 = (await r.get('h5'))!
      expect(await r.update({ ...h5, number: 'MLS-H-2026-000099', headName: '李四明', version: h5.version + 1 }, h5.version)).toBe(true)
      expect(await r.names(['h5'])).toEqual([{ id: 'h5', number: 'MLS-H-2026-000099', headName: '李四明' }])
    })

    test('insert then get returns exactly the record; update is versioned', async () => {
      await units()
      const h = householdRecord('h1')
      await store.repos.households.insert(h)
      expect(await store.repos.households.get('h1')).toEqual(h)
      expect(await store.repos.households.get('none')).toBeNull()
      const moved = { ...h, number: 'MLS-H-2026-000099', headName: '张大明', unitId: 'u2', lastContactOn: '2026-03-05', version: 2 }
      expect(await store.repos.households.update(moved, 1)).toBe(true)
      expect(await store.repos.households.update({ ...h, version: 3 }, 1)).toBe(false)
      expect(await store.repos.households.update(householdRecord('none', { version: 2 }), 1)).toBe(false)
      expect(await store.repos.households.get('h1')).toEqual(moved)
      // The searched and listed columns follow the update.
      expect(ids(await store.repos.households.search('u2', 'MLS-H-2026-000099', 5))).toEqual(['h1'])
      expect(ids(await store.repos.households.search('u2', '张大明', 5))).toEqual(['h1'])
      expect(await store.repos.households.listPage({ under: 'u1', after: null, limit: 5 })).toEqual([])
      expect(await store.repos.households.listPage({ under: 'u2', after: null, limit: 5 })).toEqual([moved])
    })

    test('listPage pages a unit\'s households by file number after a cursor, with or without a status, and countUnder counts them', async () => {
      await seed()
      const page = (under: string, after: string | null, limit: number, status?: 'filed' | 'deregistered') =>
        store.repos.households.listPage({ under, ...(status ? { status } : {}), after: after ? { number: `MLS-H-2026-00000${after}`, id: `h${6 - Number(after)}` } : null, limit })
      const first = await page('u1', null, 3)
      expect(ids(first)).toEqual(['h5', 'h4', 'h3'])
      expect(first[0]).toEqual(householdRecord('h5', { number: 'MLS-H-2026-000001', headName: '李四' }))
      expect(ids(await page('u1', '3', 3))).toEqual(['h2', 'h1'])
      expect(await page('u1', '5', 3)).toEqual([])
      expect(await page('u1', null, 0)).toEqual([])
      expect(ids(await page('u1', null, 10, 'filed'))).toEqual(['h5', 'h4', 'h2', 'h1'])
      expect(ids(await page('u1', '2', 2, 'filed'))).toEqual(['h2', 'h1'])
      expect(ids(await page('u1', null, 10, 'deregistered'))).toEqual(['h3'])
      expect(await page('u9', null, 10)).toEqual([])
      expect([await store.repos.households.countUnder('u1'), await store.repos.households.countUnder('u1', 'filed'), await store.repos.households.countUnder('u3')]).toEqual([5, 4, 1])
    })

    test('search finds by file number or the exact full name of the head, within the units', async () => {
      await seed()
      // Units u1..u3 move under 'all': a search takes one unit's subtree, found under the new paths.
      const moved = ['all', 'u1', 'u2', 'u3'].map((u) => ({ id: u, name: u, parentId: u === 'all' ? null : 'all', path: u === 'all' ? ['all'] : ['all', u] }))
      for (const u of moved) await store.repos.units.put(u)
      await store.repos.units.spreadPaths(moved)
      const search = (under: string, text: string, limit = 10) => store.repos.households.search(under, text, limit)
      expect(ids(await search('all', 'MLS-H-2026-000003'))).toEqual(['h3'])
      expect(ids(await search('all', ' MLS-H-2026-000003 '))).toEqual(['h3'])
      expect(await search('u1', 'MLS-H-2026-000006')).toEqual([])
      expect(await search('u1', 'MLS-H-2026')).toEqual([])
      expect(ids(await search('all', '王大力'))).toEqual(['h2', 'h6', 'h7'])
      expect(ids(await search('u3', '王大力'))).toEqual(['h7'])
      expect(ids(await search('all', '王大力', 2))).toEqual(['h2', 'h6'])
      expect(await search('u1', '王大')).toEqual([])
      expect(await search('u1', '  ')).toEqual([])
      expect(await search('none', '王大力')).toEqual([])
      expect(await search('all', '王大力', 0)).toEqual([])
      const [found] = await search('u1', '李四')
      expect(found).toEqual(householdRecord('h5', { number: 'MLS-H-2026-000001', headName: '李四' }))
    })
  })

  test('measures: insert, get, versioned update, a household’s list oldest first', async () => {
    const r = store.repos.measures
    await r.insert(measureRecord('m2', { createdAt: at(2) }))
    await r.insert(measureRecord('m1', { createdAt: at(5) }))
    await r.insert(measureRecord('m3', { createdAt: at(2) }))
    await r.insert(measureRecord('m4', { householdId: 'h2', createdAt: at(1) }))
    expect(await r.get('m1')).toEqual(measureRecord('m1', { createdAt: at(5) }))
    expect(await r.get('none')).toBeNull()
    expect(ids(await r.listByHousehold('h1'))).toEqual(['m2', 'm3', 'm1'])
    expect(await r.listByHousehold('h9')).toEqual([])
    const done = measureRecord('m1', { createdAt: at(5), status: 'done', outcome: '已获救助 8000 元', updatedAt: at(9), version: 2 })
    expect(await r.update(done, 1)).toBe(true)
    expect(await r.update({ ...done, version: 3 }, 1)).toBe(false)
    expect(await r.update(measureRecord('none', { version: 2 }), 1)).toBe(false)
    expect(await r.get('m1')).toEqual(done)
  })

  describe('ledger', () => {
    test('has no method that changes or removes an entry; the one write after append is a decision', () => {
      expect(Object.keys(store.repos.ledger).sort()).toEqual(['append', 'approvedUnder', 'countApprovedUnder', 'countPendingUnder', 'decide', 'get', 'listByHousehold', 'pendingUnder'])
    })

    test('a pending entry takes one decision: its status and decision change, nothing else; a second is refused', async () => {
      const r = store.repos.ledger
      const e = paymentEntry('d1', { status: 'pending', decision: null, budgetId: 'u1:2026:union' })
      await r.append(e)
      expect(await r.get('d1')).toEqual(e)
      const decision = { status: 'approved' as const, by: 'o-reviewer', byName: '李审', at: at(7), note: '' }
      expect(await r.decide('d1', decision)).toBe(true)
      expect(await r.get('d1')).toEqual({ ...e, status: 'approved', decision })
      expect(await r.decide('d1', { ...decision, status: 'rejected', note: '重复' })).toBe(false)
      expect(await r.decide('none', decision)).toBe(false)
      expect(await r.get('d1')).toEqual({ ...e, status: 'approved', decision })
      // Inside a transaction too (CloudBase: by _id only).
      await r.append(paymentEntry('d2', { status: 'pending', decision: null }))
      expect(await store.transaction((t) => t.ledger.decide('d2', { ...decision, status: 'rejected', note: '金额有误' }))).toBe(true)
      expect(await store.transaction((t) => t.ledger.decide('d2', decision))).toBe(false)
      expect(await r.get('d2')).toMatchObject({ status: 'rejected', decision: { note: '金额有误' }, amountFen: 50000 })
    })

    test('concurrent decisions: each entry approved once is read once by day paid with its decision, the others never', async () => {
      await store.repos.units.put({ id: 'u1', name: '一', parentId: null, path: ['u1'] })
      const r = store.repos.ledger
      const entries = Array.from({ length: 6 }, (_, i) => paymentEntry(`c${i}`, { status: 'pending', decision: null, paidOn: `2026-03-0${6 - i}` }))
      for (const e of entries) await r.append(e)
      const approve = { status: 'approved' as const, by: 'o-reviewer', byName: '李审', at: at(7), note: '' }
      const reject = { ...approve, status: 'rejected' as const, note: '重复' }
      // Two reviewers at once on every entry: one approving, one rejecting; entries c4 and c5 only rejected.
      const won = await Promise.all(entries.flatMap((e, i) => (i < 4 ? [r.decide(e.id, approve), r.decide(e.id, reject)] : [r.decide(e.id, reject)])))
      expect(won.filter(Boolean)).toHaveLength(6)
      const approved = (await Promise.all(entries.map((e) => r.get(e.id)))).filter((e) => e?.status === 'approved')
      const read = await r.approvedUnder('u1', {}, null, 20)
      expect(read).toEqual([...approved].sort((a, b) => (a!.paidOn < b!.paidOn ? -1 : 1)))
      expect(read.every((e) => e.decision?.byName === '李审' && e.decision.status === 'approved')).toBe(true)
      expect(await r.countApprovedUnder('u1', {})).toBe(read.length)
    })

    test('pending entries under a unit, oldest first, paged by cursor and counted; counted for one recorder', async () => {
      const units = [
        { id: 'top', name: '市', parentId: null, path: ['top'] },
        { id: 'u1', name: '一', parentId: 'top', path: ['top', 'u1'] },
        { id: 'u2', name: '二', parentId: 'top', path: ['top', 'u2'] },
        { id: 'u3', name: '三', parentId: null, path: ['u3'] },
      ]
      for (const u of units) await store.repos.units.put(u)
      const r = store.repos.ledger
      const pending = { status: 'pending' as const, decision: null }
      await r.append(paymentEntry('d1', { ...pending, createdAt: at(5) }))
      await r.append(paymentEntry('d2', { ...pending, createdAt: at(3), recordedBy: 'o-other' }))
      await r.append(paymentEntry('d3', { createdAt: at(1) }))
      await r.append(paymentEntry('d4', { ...pending, createdAt: at(2), unitId: 'u2' }))
      await r.append(paymentEntry('d5', { ...pending, createdAt: at(4), unitId: 'u3' }))
      await r.append(paymentEntry('d6', { ...pending, createdAt: at(3), unitId: 'u2' }))
      expect(ids(await r.pendingUnder('top', null, 10))).toEqual(['d4', 'd2', 'd6', 'd1'])
      // After (createdAt, id): the tie on the time goes on by id.
      expect(ids(await r.pendingUnder('top', { createdAt: at(3), id: 'd2' }, 10))).toEqual(['d6', 'd1'])
      expect(ids(await r.pendingUnder('top', { createdAt: at(2), id: 'd4' }, 1))).toEqual(['d2'])
      expect(ids(await r.pendingUnder('u1', null, 10))).toEqual(['d2', 'd1'])
      expect(await r.pendingUnder('top', null, 0)).toEqual([])
      expect(await r.get('d1')).toEqual(paymentEntry('d1', { ...pending, createdAt: at(5) }))
      expect((await r.pendingUnder('top', null, 10))[3]).toEqual(paymentEntry('d1', { ...pending, createdAt: at(5) }))
      expect(await r.countPendingUnder('top')).toBe(4)
      expect(await r.countPendingUnder('top', 'o-cadre')).toBe(3)
      expect(await r.countPendingUnder('u3', 'o-other')).toBe(0)
      expect(await r.countPendingUnder('u1', 'o-other')).toBe(1)
      expect(await r.countPendingUnder('nowhere')).toBe(0)
      await r.decide('d4', { status: 'approved', by: 'o-reviewer', byName: '李审', at: at(9), note: '' })
      expect(await r.countPendingUnder('top')).toBe(3)
      expect(await r.countPendingUnder('top', 'o-cadre')).toBe(2)
      expect(ids(await r.pendingUnder('u2', null, 10))).toEqual(['d6'])
    })

    test('append then get; a taken id fails and leaves the first entry', async () => {
      const r = store.repos.ledger
      const e = paymentEntry('d1')
      await r.append(e)
      expect(await r.get('d1')).toEqual(e)
      expect(await r.get('none')).toBeNull()
      await expect(r.append(paymentEntry('d1', { amountFen: 1 }))).rejects.toHaveProperty('message')
      expect(await r.get('d1')).toEqual(e)
      const reversal = { ...e, id: 'd2', kind: 'reversal' as const, amountFen: -50000, reversesId: 'd1', reason: '重复发放', createdAt: at(9) }
      await r.append(reversal)
      expect(await r.get('d2')).toEqual(reversal)
      expect(await r.listByHousehold('h1')).toEqual([e, reversal])
    })

    test('a household’s entries oldest first', async () => {
      const r = store.repos.ledger
      await r.append(paymentEntry('d3', { createdAt: at(3), paidOn: '2026-01-31' }))
      await r.append(paymentEntry('d1', { createdAt: at(5), paidOn: '2026-02-01' }))
      await r.append(paymentEntry('d2', { createdAt: at(3), paidOn: '2026-02-28' }))
      await r.append(paymentEntry('d4', { createdAt: at(1), paidOn: '2026-03-01', householdId: 'h2', unitId: 'u2' }))
      await r.append(paymentEntry('d5', { createdAt: at(1), paidOn: '2026-02-15', householdId: 'h3', unitId: 'u3' }))
      expect(ids(await r.listByHousehold('h1'))).toEqual(['d2', 'd3', 'd1'])
      expect(await r.listByHousehold('h9')).toEqual([])
    })
  })

  test('budgets: created at version 0 once, written at their version, read by ids', async () => {
    const r = store.repos.budgets
    const budget = { id: 'u1:2026:central', unitId: 'u1', year: 2026, fundSource: 'central' as const, amountFen: 100_000, committedFen: 0, version: 1, setBy: 'o-admin', setAt: at(1) }
    expect(await r.put(budget, 0)).toBe(true)
    expect(await r.put({ ...budget, amountFen: 5 }, 0)).toBe(false)
    expect(await r.get(budget.id)).toEqual(budget)
    expect(await r.get('none')).toBeNull()
    const next = { ...budget, committedFen: 40_000, version: 2 }
    expect(await store.transaction((t) => t.budgets.put(next, 1))).toBe(true)
    expect(await r.put({ ...budget, version: 2 }, 1)).toBe(false)
    expect(await r.get(budget.id)).toEqual(next)
    await r.put({ ...budget, id: 'u2:2026:union', unitId: 'u2', fundSource: 'union' }, 0)
    await r.put({ ...budget, id: 'u2:2025:union', unitId: 'u2', year: 2025, fundSource: 'union' }, 0)
    await r.put({ ...budget, id: 'u3:2026:union', unitId: 'u3', fundSource: 'union' }, 0)
    expect(ids(await r.getMany(['u1:2026:central', 'u2:2026:union', 'u2:2026:central', 'u2:2024:union'])).sort()).toEqual(['u1:2026:central', 'u2:2026:union'])
    expect(await r.getMany([])).toEqual([])
  })

  test('contacts: a household’s log newest first (day of contact, then when written), paged and counted', async () => {
    const r = store.repos.contacts
    await r.add(contactRecord('c1', { on: '2026-02-01', createdAt: at(1) }))
    await r.add(contactRecord('c2', { on: '2026-03-01', createdAt: at(2) }))
    await r.add(contactRecord('c3', { on: '2026-02-15', createdAt: at(9) }))
    await r.add(contactRecord('c4', { on: '2026-03-01', createdAt: at(3), kind: 'phone' }))
    await r.add(contactRecord('c5', { householdId: 'h2', on: '2026-04-01' }))
    const page = (offset: number, limit: number) => r.listByHousehold('h1', { offset, limit })
    const first = await page(0, 2)
    expect(ids(first.items)).toEqual(['c4', 'c2'])
    expect(first.total).toBe(4)
    expect(first.items[0]).toEqual(contactRecord('c4', { on: '2026-03-01', createdAt: at(3), kind: 'phone' }))
    expect(ids((await page(2, 5)).items)).toEqual(['c3', 'c1'])
    expect(await page(0, 0)).toEqual({ items: [], total: 4 })
    expect(await r.listByHousehold('h9', { offset: 0, limit: 5 })).toEqual({ items: [], total: 0 })
  })

  test('campaigns: insert, get, versioned update, a list newest first by start date', async () => {
    const r = store.repos.campaigns
    await r.insert(campaignRecord('k2025', { startsOn: '2025-03-01', name: '2025年户户清', status: 'closed' }))
    await r.insert(campaignRecord('k2026', { startsOn: '2026-03-01' }))
    await r.insert(campaignRecord('k2024', { startsOn: '2024-03-01' }))
    await r.insert(campaignRecord('k2026b', { startsOn: '2026-03-01', unitIds: ['u2', 'u3'] }))
    expect(await r.get('k2026b')).toEqual(campaignRecord('k2026b', { startsOn: '2026-03-01', unitIds: ['u2', 'u3'] }))
    expect(await r.get('none')).toBeNull()
    const first = await r.list({ offset: 0, limit: 3 })
    expect(ids(first.items)).toEqual(['k2026b', 'k2026', 'k2025'])
    expect(first.total).toBe(4)
    expect(ids((await r.list({ offset: 3, limit: 3 })).items)).toEqual(['k2024'])
    expect(await r.list({ offset: 0, limit: 0 })).toMatchObject({ items: [], total: 4 })
    const closed = campaignRecord('k2026', { status: 'closed', startsOn: '2025-01-01', version: 2 })
    expect(await r.update(closed, 1)).toBe(true)
    expect(await r.update({ ...closed, version: 3 }, 1)).toBe(false)
    expect(await r.update(campaignRecord('none', { version: 2 }), 1)).toBe(false)
    expect(await r.get('k2026')).toEqual(closed)
    // The list follows a changed start date.
    expect(ids((await r.list({ offset: 0, limit: 10 })).items)).toEqual(['k2026b', 'k2025', 'k2026', 'k2024'])
  })

  describe('checks', () => {
    test('put at version 0 creates once; later puts are versioned and write the record whole', async () => {
      const r = store.repos.checks
      const fresh = checkRecord('k1', 'h1')
      expect(await r.put(fresh, 0)).toBe(true)
      expect(await r.get('k1:h1')).toEqual(fresh)
      expect(await r.get('none')).toBeNull()
      expect(await r.put({ ...fresh, version: 5 }, 0)).toBe(false)
      expect(await r.get('k1:h1')).toEqual(fresh)
      const confirmed = { ...fresh, items: { household: item(1), 'policies-funds': item(2) }, version: 2, updatedAt: at(2) }
      expect(await r.put(confirmed, 1)).toBe(true)
      expect(await r.put({ ...confirmed, version: 3 }, 1)).toBe(false)
      const kept = {
        ...confirmed,
        items: { household: { ...item(3), note: '复核' } },
        outcome: { kind: 'keep' as const, difficulties: [{ group: 'medical' as const, task: '协助申请医疗救助' }] },
        outcomeAt: at(4),
        outcomeBy: 'o-cadre',
        version: 3,
      }
      expect(await r.put(kept, 2)).toBe(true)
      // Nested values are replaced, not merged: the dropped item is gone.
      expect(await r.get('k1:h1')).toEqual(kept)
      const proposed = { ...kept, outcome: { kind: 'propose-deregistration' as const, reason: 'other' as const, text: '家庭收入稳定', evidenceIds: [] }, version: 4 }
      expect(await r.put(proposed, 3)).toBe(true)
      expect(await r.get('k1:h1')).toEqual(proposed)
      expect(await r.put(checkRecord('k1', 'h9', { version: 2 }), 1)).toBe(false)
      expect(await r.get('k1:h9')).toBeNull()
    })

    test('of two racing first puts exactly one creates the record', async () => {
      const results = await Promise.all([store.repos.checks.put(checkRecord('k1', 'h1', { updatedAt: at(1) }), 0), store.repos.checks.put(checkRecord('k1', 'h1', { updatedAt: at(2) }), 0)])
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    test('scan walks a campaign’s records in id order after afterId', async () => {
      const r = store.repos.checks
      for (const h of ['h3', 'h1', 'h2', 'h4']) await r.put(checkRecord('k1', h), 0)
      await r.put(checkRecord('k2', 'h1'), 0)
      expect(ids(await r.scan('k1', null, 2))).toEqual(['k1:h1', 'k1:h2'])
      expect(ids(await r.scan('k1', 'k1:h2', 5))).toEqual(['k1:h3', 'k1:h4'])
      expect(await r.scan('k1', 'k1:h4', 5)).toEqual([])
      expect(ids(await r.scan('k2', null, 5))).toEqual(['k2:h1'])
      expect(await r.scan('k1', null, 0)).toEqual([])
      expect((await r.scan('k2', null, 5))[0]).toEqual(checkRecord('k2', 'h1'))
    })
  })

  test('stations.countByKind counts the stations of each kind that are not closed', async () => {
    const r = store.repos.stations
    expect(await r.countByKind()).toEqual({ aid: 0, 'rest-post': 0, 'expert-team': 0 })
    const station = (id: string, over: Parameters<typeof stationRecord>[0]) => r.upsert(stationRecord({ id, externalId: `EXT-${id}`, ...over }))
    await station('s1', { kind: 'rest-post', status: 'open' })
    await station('s2', { kind: 'rest-post', status: 'suspended' })
    await station('s3', { kind: 'rest-post', status: 'closed' })
    await station('s4', { kind: 'aid', level: 'city', status: 'open' })
    await station('s5', { kind: 'aid', level: 'county', status: 'closed' })
    expect(await r.countByKind()).toEqual({ aid: 1, 'rest-post': 2, 'expert-team': 0 })
  })

  test('stations.countAidByLevel counts the aid stations of each level that are not closed', async () => {
    const r = store.repos.stations
    expect(await r.countAidByLevel()).toEqual({ city: 0, county: 0, township: 0, community: 0 })
    const station = (id: string, over: Parameters<typeof stationRecord>[0]) => r.upsert(stationRecord({ id, externalId: `EXT-${id}`, ...over }))
    await station('s1', { kind: 'aid', level: 'city', status: 'open' })
    await station('s2', { kind: 'aid', level: 'township', status: 'suspended' })
    await station('s3', { kind: 'aid', level: 'township', status: 'open' })
    await station('s4', { kind: 'aid', level: 'community', status: 'closed' })
    await station('s5', { kind: 'rest-post', level: null, status: 'open' })
    expect(await r.countAidByLevel()).toEqual({ city: 1, county: 0, township: 2, community: 0 })
  })

  describe('transactions', () => {
    test('writes inside a transaction that throws leave nothing', async () => {
      await store.repos.households.insert(householdRecord('h1'))
      await store.repos.checks.put(checkRecord('k1', 'h1'), 0)
      await store.repos.campaigns.insert(campaignRecord('k1'))
      const attempt = store.transaction(async (t) => {
        await t.households.insert(householdRecord('h2'))
        expect(await t.households.update({ ...householdRecord('h1'), lastContactOn: '2026-03-05', version: 2 }, 1)).toBe(true)
        await t.measures.insert(measureRecord('m1'))
        await t.ledger.append(paymentEntry('d1'))
        await t.contacts.add(contactRecord('c1'))
        expect(await t.campaigns.update({ ...campaignRecord('k1'), status: 'closed', version: 2 }, 1)).toBe(true)
        expect(await t.checks.put(checkRecord('k1', 'h2'), 0)).toBe(true)
        expect(await t.checks.put({ ...checkRecord('k1', 'h1'), items: { household: item(1) }, version: 2 }, 1)).toBe(true)
        throw new Error('boom')
      })
      await expect(attempt).rejects.toThrow('boom')
      expect(await store.repos.households.get('h2')).toBeNull()
      expect(await store.repos.households.get('h1')).toEqual(householdRecord('h1'))
      expect(await store.repos.measures.get('m1')).toBeNull()
      expect(await store.repos.ledger.get('d1')).toBeNull()
      expect(await store.repos.contacts.listByHousehold('h1', { offset: 0, limit: 5 })).toEqual({ items: [], total: 0 })
      expect(await store.repos.campaigns.get('k1')).toEqual(campaignRecord('k1'))
      expect(await store.repos.checks.get('k1:h2')).toBeNull()
      expect(await store.repos.checks.get('k1:h1')).toEqual(checkRecord('k1', 'h1'))
    })

    test('a transaction commits its writes; a taken check id is refused without spoiling it', async () => {
      await store.repos.checks.put(checkRecord('k1', 'h1'), 0)
      await store.transaction(async (t) => {
        expect(await t.checks.put(checkRecord('k1', 'h1', { updatedAt: at(9) }), 0)).toBe(false)
        expect(await t.checks.put(checkRecord('k1', 'h2'), 0)).toBe(true)
        await t.ledger.append(paymentEntry('d1'))
        expect(await t.ledger.get('d1')).toEqual(paymentEntry('d1'))
      })
      expect(await store.repos.checks.get('k1:h1')).toEqual(checkRecord('k1', 'h1'))
      expect(await store.repos.checks.get('k1:h2')).toEqual(checkRecord('k1', 'h2'))
      expect(await store.repos.ledger.get('d1')).toEqual(paymentEntry('d1'))
    })
  })
})
