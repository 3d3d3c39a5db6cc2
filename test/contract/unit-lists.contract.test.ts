/**
 * Issue 14: the lists that took a list of unit ids (at most 1,000) work for a jurisdiction of any
 * size on both stores. A province of 3,004 units: its 电话联系 call tasks and its 公示 notices page by
 * cursor in the list's order and stay within the jurisdiction; a moved unit's tasks follow it; the
 * queue's overdue counts (SQLite: tallies by prefix of the deadline) and the running notices'
 * count (SQLite: tallies by prefix of the notice's end, migration 47) are exact at any instant; the
 * open person requests page by cursor, the soonest due first (migration 48 / 019), and the
 * stations' problem reports of each status, newest first (migration 49 / 020); the ledger's
 * entries waiting for a reviewer, oldest first (migration 50 / 021); the 户户清 campaigns
 * that concern a unit (a scope unit under or above it), newest first (migration 52 / 023); the
 * admin's stations in id order (migration 53 / 024).
 */
import type { Campaign } from '../../src/domain/campaign'
import type { ApplicationRecord, CallTaskRecord, PersonRequestRecord, ProblemReportRecord, Store } from '../../server/ports'
import { moveUnit } from '../../server/usecases/admin/units'
import { listPersonRequests } from '../../server/usecases/lifecycle/person-requests'
import { listReports } from '../../server/usecases/stations/station-reports'
import { pendingLedger } from '../../server/usecases/households/ledger-decisions'
import type { DisbursementEntry } from '../../src/domain/ledger'
import { campaignRecord, paymentEntry } from '../support/household-records'
import { listCampaigns } from '../../server/usecases/households/campaigns'
import { listStations } from '../../server/usecases/stations/manage-stations'
import { stationRecord } from '../support/stations'
import { overlaps } from '../../server/usecases/households/campaign-scope'
import { listCallTasks } from '../../server/usecases/review/calls'
import { listNotices } from '../../server/usecases/review/notices'
import { QUEUE_STAGES } from '../../src/domain/review'
import { sqliteDeps } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { CITIES, provinceTree, UNITS_PER_CITY } from '../support/province'
import { contractStores } from './stores'

const { factories } = contractStores()

const NOW = '2026-03-05T06:00:00.000Z'

const unitOf = (i: number) => `c${i % CITIES}-u${(i * 37) % UNITS_PER_CITY}`

/** 40 returned cases, each with a call task: three in four open, opened at times with ties. */
const returned = (): ApplicationRecord[] => Array.from({ length: 40 }, (_, i) => applicationRecord(`r${String(i).padStart(3, '0')}`, { unitId: unitOf(i), status: 'returned' }))
const tasks = (): CallTaskRecord[] =>
  returned().map((a, i) => ({
    id: `call:${a.id}`,
    applicationId: a.id,
    unitId: a.unitId,
    status: i % 4 === 3 ? 'done' : 'open',
    openedAt: `2026-03-0${1 + (i % 4)}T0${i % 3}:00:00.000Z`,
    reasons: ['no-subscription'],
    occasions: [`o${i}`],
    attempts: 0,
    doneAt: i % 4 === 3 ? NOW : null,
  }))

/** 30 cases under notice: running ones, one whose notice ran out, one with an objection. */
const publicizing = (): ApplicationRecord[] =>
  Array.from({ length: 30 }, (_, i) => {
    const endsAt = i % 10 === 4 ? '2026-03-04T00:00:00.000Z' : `2026-03-${String(10 + (i % 5)).padStart(2, '0')}T00:00:00.000Z`
    const base = { id: `e${i}`, at: '2026-03-01T00:00:00.000Z', by: 'o-r', byName: '审核员' }
    return applicationRecord(`n${String(i).padStart(3, '0')}`, {
      unitId: unitOf(i + 5),
      status: 'publicizing',
      dueAt: endsAt,
      // An objection stops the notice (and clears its end); one that ran out waits for the timer.
      noticeEndsAt: i % 10 === 7 ? null : endsAt,
      review: [
        { ...base, kind: 'notice-started', days: 7, endsAt, category: 'relative' },
        ...(i % 10 === 7 ? [{ ...base, id: `x${i}`, kind: 'objection' as const, text: '有异议' }] : []),
      ],
    })
  })

const byOpened = (a: CallTaskRecord, b: CallTaskRecord) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : 1)

describe.each(factories)('lists of a jurisdiction of any size: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  const tree = provinceTree()
  const byId = new Map(tree.map((u) => [u.id, u]))
  const under = (root: string, unitId: string) => byId.get(unitId)!.path.includes(root)

  beforeAll(async () => {
    ;({ store, close } = open())
    for (let i = 0; i < tree.length; i += 50) await Promise.all(tree.slice(i, i + 50).map((u) => store.repos.units.put(u)))
    for (const a of [...returned(), ...publicizing()]) await store.repos.applications.insert(a)
    for (const t of tasks()) await store.repos.callTasks.put(t)
  }, 120_000)
  afterAll(() => close())

  const depsAt = () => {
    // The deps around this store (their own close would close the store the next test uses).
    const { deps } = sqliteDeps(store)
    deps.clock.now = () => new Date(NOW)
    deps.settings.defaultUnitId = 'prov'
    return deps
  }

  it('pages the open call tasks under the province, a city or a unit by cursor, oldest first, and counts them', async () => {
    for (const root of ['prov', 'c1', unitOf(2), 'c2-u999']) {
      const expected = tasks().filter((t) => t.status === 'open' && under(root, t.unitId)).sort(byOpened)
      const got: string[] = []
      for (let after: { openedAt: string; id: string } | null = null; ; ) {
        const page = await store.repos.callTasks.openUnder(root, after, 4)
        got.push(...page.map((t) => t.id))
        if (page.length < 4) break
        after = { openedAt: page[3].openedAt, id: page[3].id }
      }
      expect(got).toEqual(expected.map((t) => t.id))
      expect(await store.repos.callTasks.countOpenUnder(root)).toBe(expected.length)
    }
    expect(await store.repos.callTasks.openUnder('prov', null, 0)).toEqual([])
  })

  it('shows a caseworker of the province or of a city their 电话联系 list by cursor, with the page\'s unit names only', async () => {
    const deps = depsAt()
    for (const unitId of ['prov', 'c0']) {
      const actor = { openid: `o-${unitId}`, roles: ['caseworker' as const], unitId }
      const expected = tasks().filter((t) => t.status === 'open' && under(unitId, t.unitId)).sort(byOpened)
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await listCallTasks(deps, actor, { pageSize: 7, ...(cursor ? { cursor } : {}) })
        expect(page.total).toBe(expected.length)
        for (const item of page.items) expect(item.unitName).toBe(byId.get(returned().find((a) => a.id === item.applicationId)!.unitId)!.name)
        seen.push(...page.items.map((i) => `call:${i.applicationId}`))
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen).toEqual(expected.map((t) => t.id))
    }
    await expect(listCallTasks(deps, { openid: 'o-c0', roles: ['caseworker'], unitId: 'c0' }, { pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
  }, 60_000)

  it('lists the running notices of the province or a city by cursor, the earliest to end first, for anyone', async () => {
    const deps = depsAt()
    const worker = { openid: 'w-1', roles: [] }
    for (const unitId of [undefined, 'c1']) {
      const mine = publicizing().filter((a) => !unitId || under(unitId, a.unitId))
      const running = mine.filter((a) => a.noticeEndsAt && a.noticeEndsAt > NOW)
      expect(running.length).toBeLessThan(mine.length)
      const order = (a: ApplicationRecord, b: ApplicationRecord) => (a.noticeEndsAt! < b.noticeEndsAt! ? -1 : a.noticeEndsAt! > b.noticeEndsAt! ? 1 : a.id < b.id ? -1 : 1)
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await listNotices(deps, worker, { pageSize: 6, ...(unitId ? { unitId } : {}), ...(cursor ? { cursor } : {}) })
        expect(page.total).toBe(running.length)
        seen.push(...page.items.map((n) => n.number))
        for (const n of page.items) expect(n.unitName).toBe(byId.get(mine.find((a) => a.number === n.number)!.unitId)!.name)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      expect(seen).toEqual(running.sort(order).map((a) => a.number))
    }
    await expect(listNotices(deps, worker, { unitId: 'nowhere', pageSize: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitId' })
    // A notice that ends meanwhile leaves the list, even for a cursor taken before.
    const first = await listNotices(deps, worker, { pageSize: 2 })
    deps.clock.now = () => new Date('2026-03-12T00:00:00.000Z')
    const later = await listNotices(deps, worker, { pageSize: 50, cursor: first.nextCursor! })
    const stillRunning = publicizing().filter((a) => a.noticeEndsAt && a.noticeEndsAt > '2026-03-12T00:00:00.000Z')
    expect(later.items.map((n) => n.number).sort()).toEqual(stillRunning.map((a) => a.number).sort())
    expect(later.total).toBe(stillRunning.length)
  }, 60_000)

  it('pages the open person requests of the province, a city or a unit by cursor, the soonest due first, and follows a moved unit', async () => {
    const unitOfRequest = (i: number) => `c${i % CITIES}-u${(i * 53 + 11) % UNITS_PER_CITY}`
    const requests: PersonRequestRecord[] = Array.from({ length: 36 }, (_, i) => ({
      id: `pr-${String(i).padStart(3, '0')}`, kind: 'copy', applicationId: i % 2 ? 'r001' : 'gone', unitId: unitOfRequest(i), note: '本人要求复制资料', receivedOn: '2026-03-01',
      // Ties on the due day, ordered by id.
      dueOn: `2026-03-${String(10 + (i % 6)).padStart(2, '0')}`, status: i % 5 === 4 ? 'done' : 'open', openedBy: 'o-r', version: 1,
    }))
    for (const r of requests) expect(await store.repos.personRequests.put(r, 0)).toBe(true)
    const order = (a: PersonRequestRecord, b: PersonRequestRecord) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : 1)
    const openOf = (root: string) => requests.filter((r) => r.status === 'open' && under(root, r.unitId)).sort(order)
    for (const root of ['prov', 'c1', unitOfRequest(7), 'c2-u997']) {
      const got: string[] = []
      for (let after: { dueOn: string; id: string } | null = null; ; ) {
        const page = await store.repos.personRequests.openUnder(root, after, 4)
        got.push(...page.map((r) => r.id))
        if (page.length < 4) break
        after = { dueOn: page[3].dueOn, id: page[3].id }
      }
      expect(got).toEqual(openOf(root).map((r) => r.id))
      expect(await store.repos.personRequests.countOpenUnder(root)).toBe(openOf(root).length)
    }
    // The reviewer of the province (3,004 units) reads them a page at a time through the use case.
    const deps = depsAt()
    const reviewer = { openid: 'o-prov-r', roles: ['reviewer' as const], unitId: 'prov' }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listPersonRequests(deps, reviewer, { pageSize: 7, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe(openOf('prov').length)
      for (const item of page.items) expect(item.applicationNumber).toBe(item.applicationId === 'r001' ? returned()[1].number : undefined)
      seen.push(...page.items.map((r) => r.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(openOf('prov').map((r) => r.id))
    await expect(listPersonRequests(deps, reviewer, { pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    // A closed request leaves the list; a moved unit's requests are found under its new place.
    const closing = openOf('c1')[0]
    expect(await store.repos.personRequests.put({ ...closing, status: 'refused', outcome: '无此申请', version: 2 }, 1)).toBe(true)
    expect((await store.repos.personRequests.openUnder('c1', null, 100)).map((r) => r.id)).not.toContain(closing.id)
    expect(await store.repos.personRequests.countOpenUnder('c1')).toBe(openOf('c1').length - 1)
    const moving = unitOfRequest(8)
    const inUnit = openOf(moving).length
    expect(inUnit).toBeGreaterThan(0)
    const before = await store.repos.personRequests.countOpenUnder('c0')
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    await expect(moveUnit(depsAt(), admin, { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect(await store.repos.personRequests.countOpenUnder('c0')).toBe(before + inUnit)
    expect((await store.repos.personRequests.openUnder('c0', null, 100)).map((r) => r.id)).toEqual(expect.arrayContaining(openOf(moving).map((r) => r.id)))
    expect((await store.repos.personRequests.openUnder('c2', null, 100)).map((r) => r.id)).not.toContain(openOf(moving)[0].id)
  }, 60_000)

  it('pages the problem reports of each status on the province\'s, a city\'s or a unit\'s stations by cursor, newest first, and follows a moved unit', async () => {
    const unitOfReport = (i: number) => `c${i % CITIES}-u${(i * 71 + 23) % UNITS_PER_CITY}`
    const statuses = ['pending', 'pending', 'resolved', 'rejected'] as const
    const reports: ProblemReportRecord[] = Array.from({ length: 40 }, (_, i) => ({
      id: `rep-${String(i).padStart(3, '0')}`, stationId: `st-${i}`, stationName: `驿站${i}`, unitId: unitOfReport(i), problem: 'wrong-hours', note: '', reporterOpenid: `w-${i}`,
      status: statuses[i % 4], version: 1,
      // Ties on the time, ordered by id (newest first: the greater id first).
      createdAt: `2026-03-0${1 + (i % 5)}T0${i % 2}:00:00.000Z`, decidedAt: null, decidedBy: null, decisionNote: '',
    }))
    for (const r of reports) await store.repos.problemReports.insert(r)
    const newest = (a: ProblemReportRecord, b: ProblemReportRecord) => (a.createdAt > b.createdAt ? -1 : a.createdAt < b.createdAt ? 1 : a.id > b.id ? -1 : 1)
    const of = (status: string, root: string) => reports.filter((r) => r.status === status && under(root, r.unitId)).sort(newest)
    for (const status of ['pending', 'resolved', 'rejected'] as const) {
      for (const root of ['prov', 'c1', unitOfReport(5)]) {
        const got: string[] = []
        for (let after: { createdAt: string; id: string } | null = null; ; ) {
          const page = await store.repos.problemReports.listUnder(status, root, after, 3)
          got.push(...page.map((r) => r.id))
          if (page.length < 3) break
          after = { createdAt: page[2].createdAt, id: page[2].id }
        }
        expect(got).toEqual(of(status, root).map((r) => r.id))
        expect(await store.repos.problemReports.countUnder(status, root)).toBe(of(status, root).length)
      }
    }
    // The province's admin (3,004 units) reads them a page at a time through the use case.
    const deps = depsAt()
    const admin = { openid: 'o-prov-admin', roles: ['admin' as const], unitId: 'prov' }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listReports(deps, admin, { status: 'pending', pageSize: 6, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe(of('pending', 'prov').length)
      seen.push(...page.items.map((r) => r.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(of('pending', 'prov').map((r) => r.id))
    await expect(listReports(deps, admin, { status: 'pending', pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    // Resolving one moves it from the pending list to the resolved one.
    const deciding = of('pending', 'c1')[0]
    expect(await store.repos.problemReports.update({ ...deciding, status: 'resolved', version: 2, decidedAt: NOW, decidedBy: 'o-a' }, 1)).toBe(true)
    expect(await store.repos.problemReports.countUnder('pending', 'c1')).toBe(of('pending', 'c1').length - 1)
    expect(await store.repos.problemReports.countUnder('resolved', 'c1')).toBe(of('resolved', 'c1').length + 1)
    expect((await store.repos.problemReports.listUnder('resolved', 'c1', null, 1)).map((r) => r.id)).toEqual([[deciding, ...of('resolved', 'c1')].sort(newest)[0].id])
    // A moved unit's reports are found under its new place.
    const moving = unitOfReport(2)
    const inUnit = reports.filter((r) => r.unitId === moving && r.status === 'resolved').length
    expect(inUnit).toBeGreaterThan(0)
    const before = await store.repos.problemReports.countUnder('resolved', 'c0')
    await expect(moveUnit(depsAt(), { ...admin, openid: 'o-admin' }, { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect(await store.repos.problemReports.countUnder('resolved', 'c0')).toBe(before + inUnit)
  }, 60_000)

  it('pages the ledger\'s pending entries of the province, a city or a unit by cursor, oldest first, counts what a reviewer may decide, and follows a moved unit', async () => {
    const unitOfEntry = (i: number) => `c${i % CITIES}-u${(i * 53 + 11) % UNITS_PER_CITY}`
    const entries: DisbursementEntry[] = Array.from({ length: 40 }, (_, i) => {
      const e = paymentEntry(`led-${String(i).padStart(3, '0')}`, {
        unitId: unitOfEntry(i),
        householdId: `hh-${i}`,
        recordedBy: i % 3 === 0 ? 'o-prov-reviewer' : `o-w-${i}`,
        // Ties on the time, ordered by id.
        createdAt: `2026-03-0${1 + (i % 4)}T0${i % 2}:00:00.000Z`,
      })
      return i % 5 === 4 ? e : { ...e, status: 'pending', decision: null }
    })
    for (const e of entries) await store.repos.ledger.append(e)
    const oldest = (a: DisbursementEntry, b: DisbursementEntry) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)
    const of = (root: string) => entries.filter((e) => e.status === 'pending' && under(root, e.unitId)).sort(oldest)
    for (const root of ['prov', 'c1', unitOfEntry(4), unitOfEntry(5)]) {
      const got: string[] = []
      for (let after: { createdAt: string; id: string } | null = null; ; ) {
        const page = await store.repos.ledger.pendingUnder(root, after, 3)
        got.push(...page.map((e) => e.id))
        if (page.length < 3) break
        after = { createdAt: page[2].createdAt, id: page[2].id }
      }
      expect(got).toEqual(of(root).map((e) => e.id))
      expect(await store.repos.ledger.countPendingUnder(root)).toBe(of(root).length)
      expect(await store.repos.ledger.countPendingUnder(root, 'o-prov-reviewer')).toBe(of(root).filter((e) => e.recordedBy === 'o-prov-reviewer').length)
    }
    // The province's reviewer (3,004 units) reads them a page at a time through the use case.
    const deps = depsAt()
    const reviewer = { openid: 'o-prov-reviewer', roles: ['reviewer' as const], unitId: 'prov' }
    const all = of('prov')
    const mine = all.filter((e) => e.recordedBy === reviewer.openid).length
    expect(mine).toBeGreaterThan(0)
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await pendingLedger(deps, reviewer, { pageSize: 7, ...(cursor ? { cursor } : {}) })
      expect([page.total, page.approvable]).toEqual([all.length, all.length - mine])
      expect(page.items.every((i) => i.mayDecide === (i.entry.recordedBy !== reviewer.openid))).toBe(true)
      seen.push(...page.items.map((i) => i.entry.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(all.map((e) => e.id))
    expect((await pendingLedger(deps, reviewer, { pageSize: 1 })).items[0].unitName).toBe(byId.get(all[0].unitId)!.name)
    await expect(pendingLedger(deps, reviewer, { pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    // A decision takes it off the list.
    const deciding = of('c1')[0]
    expect(await store.repos.ledger.decide(deciding.id, { status: 'approved', by: 'o-r', byName: '审', at: NOW, note: '' })).toBe(true)
    expect(await store.repos.ledger.countPendingUnder('c1')).toBe(of('c1').length - 1)
    expect((await store.repos.ledger.pendingUnder('c1', null, 100)).map((e) => e.id)).not.toContain(deciding.id)
    // A moved unit's entries are found under its new place, and no longer under the old.
    const moving = unitOfEntry(5)
    const inUnit = entries.filter((e) => e.unitId === moving && e.status === 'pending' && e.id !== deciding.id).length
    expect(inUnit).toBeGreaterThan(0)
    const [toBefore, fromBefore] = [await store.repos.ledger.countPendingUnder('c0'), await store.repos.ledger.countPendingUnder('c2')]
    expect(moving.startsWith('c2-')).toBe(true)
    await expect(moveUnit(depsAt(), { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }, { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect(await store.repos.ledger.countPendingUnder('c0')).toBe(toBefore + inUnit)
    expect(await store.repos.ledger.countPendingUnder('c2')).toBe(fromBefore - inUnit)
    expect((await store.repos.ledger.pendingUnder('c0', null, 100)).filter((e) => e.unitId === moving)).toHaveLength(inUnit)
  }, 60_000)

  it('pages the campaigns that concern the province, a city or a unit by cursor, newest first, counts them, and follows a moved unit', async () => {
    const leaf = (i: number) => `c${i % CITIES}-u${(i * 53 + 11) % UNITS_PER_CITY}`
    // Scopes at every level: the province, a city, one or two leaf units, a city with a leaf unit elsewhere.
    const scopeOf = (i: number): string[] =>
      [['prov'], [`c${i % CITIES}`], [leaf(i)], [leaf(i)], [leaf(i), leaf(i + 1)], [`c${(i + 1) % CITIES}`, leaf(i)]][i % 6]
    const campaigns: Campaign[] = Array.from({ length: 36 }, (_, i) =>
      // Ties on the start day, ordered by id (newest first: the greater id first).
      campaignRecord(`k${String(i).padStart(3, '0')}`, { startsOn: `2026-0${1 + (i % 4)}-01`, unitIds: scopeOf(i) }),
    )
    for (const c of campaigns) await store.repos.campaigns.insert(c)
    const newest = (a: Campaign, b: Campaign) => (a.startsOn > b.startsOn ? -1 : a.startsOn < b.startsOn ? 1 : a.id > b.id ? -1 : 1)
    const unitNow = async (id: string) => (await store.repos.units.get(id))!
    const concern = async (root: string) => {
      const unit = await unitNow(root)
      const out: Campaign[] = []
      for (const c of campaigns) {
        const scope = await Promise.all(c.unitIds.map(unitNow))
        if (scope.some((u) => overlaps(u, unit))) out.push(c)
      }
      return out.sort(newest).map((c) => c.id)
    }
    const pages = async (root: string, size: number) => {
      const unit = await unitNow(root)
      const got: string[] = []
      for (let after: { startsOn: string; id: string } | null = null; ; ) {
        const page = await store.repos.campaigns.listFor(unit, after, size)
        got.push(...page.map((c) => c.id))
        if (page.length < size) return got
        after = { startsOn: page[size - 1].startsOn, id: page[size - 1].id }
      }
    }
    for (const root of ['prov', 'c1', leaf(4), leaf(5), 'c2-u999']) {
      const expected = await concern(root)
      expect(expected.length).toBeGreaterThan(root === 'prov' ? 30 : 5)
      expect(await pages(root, 4)).toEqual(expected)
      expect(await store.repos.campaigns.countFor(await unitNow(root))).toBe(expected.length)
    }
    expect(await store.repos.campaigns.listFor(await unitNow('prov'), null, 0)).toEqual([])
    // A caseworker of a city reads them a page at a time through the use case.
    const deps = depsAt()
    const staff = { openid: 'o-c0-staff', roles: ['caseworker' as const], unitId: 'c0' }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listCampaigns(deps, staff, { pageSize: 7, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe((await concern('c0')).length)
      for (const item of page.items) expect(item.progress).toEqual({ inScope: 0, checked: 0, kept: 0, proposedDeregistration: 0 })
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(await concern('c0'))
    await expect(listCampaigns(deps, staff, { pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    // A leaf unit of a campaign moves to another city: the campaign concerns that city, no longer its old one.
    const moving = leaf(2)
    const only = campaigns.filter((c) => c.unitIds.length === 1 && c.unitIds[0] === moving)
    expect(only.length).toBeGreaterThan(0)
    const beforeC0 = await concern('c0')
    expect(beforeC0).not.toContain(only[0].id)
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    await expect(moveUnit(depsAt(), admin, { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    const afterC0 = await concern('c0')
    expect(afterC0).toContain(only[0].id)
    expect(await pages('c0', 5)).toEqual(afterC0)
    expect(await store.repos.campaigns.countFor(await unitNow('c0'))).toBe(afterC0.length)
    expect(await pages('c2', 5)).toEqual(await concern('c2'))
    expect(await pages('c2', 5)).not.toContain(only[0].id)
  }, 120_000)

  it('pages the stations of the province, a city or a unit by cursor in id order, counts them, and follows a moved unit', async () => {
    const unitOfStation = (i: number) => `c${i % CITIES}-u${(i * 89 + 7) % UNITS_PER_CITY}`
    const stations = Array.from({ length: 40 }, (_, i) =>
      stationRecord({ id: `sta-${String(i).padStart(3, '0')}`, externalId: `SE-${i}`, unitId: unitOfStation(i), name: i % 3 === 0 ? `职工驿站${i}` : `服务站${i}` }),
    )
    for (const st of stations) await store.repos.stations.upsert(st)
    const of = (root: string) => stations.filter((st) => under(root, st.unitId)).map((st) => st.id)
    for (const root of ['prov', 'c1', unitOfStation(4)]) {
      const got: string[] = []
      for (let after: string | null = null; ; ) {
        const page = await store.repos.stations.listUnder(root, after, 4)
        got.push(...page.map((st) => st.id))
        if (page.length < 4) break
        after = page[3].id
      }
      expect(got).toEqual(of(root))
      expect(await store.repos.stations.countUnder(root)).toBe(of(root).length)
    }
    const searched = stations.filter((st, i) => i % 3 === 0 && under('c2', st.unitId)).map((st) => st.id)
    expect((await store.repos.stations.listUnder('c2', null, 100, '驿站')).map((st) => st.id)).toEqual(searched)
    expect(await store.repos.stations.countUnder('c2', '驿站')).toBe(searched.length)
    // A city's admin (1,001 units: refused before) reads them a page at a time through the use case.
    const deps = depsAt()
    const admin = { openid: 'o-c1-admin', roles: ['admin' as const], unitId: 'c1' }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listStations(deps, admin, { pageSize: 6, ...(cursor ? { cursor } : {}) })
      expect(page.total).toBe(of('c1').length)
      for (const st of page.items) expect(page.unitNames[st.unitId]).toBe(byId.get(st.unitId)!.name)
      seen.push(...page.items.map((st) => st.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual(of('c1'))
    await expect(listStations(deps, admin, { pageSize: 5, cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    // A moved unit's stations are found under its new place, no longer under its old one.
    const moving = unitOfStation(1)
    const inUnit = of(moving)
    expect(inUnit.length).toBeGreaterThan(0)
    const before = await store.repos.stations.countUnder('c0')
    await expect(moveUnit(depsAt(), { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }, { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect(await store.repos.stations.countUnder('c0')).toBe(before + inUnit.length)
    expect((await store.repos.stations.listUnder('c0', null, 100)).map((st) => st.id)).toEqual(expect.arrayContaining(inUnit))
    expect((await store.repos.stations.listUnder('c1', null, 100)).map((st) => st.id)).not.toContain(inUnit[0])
  }, 120_000)

  it('counts the overdue cases of a stage exactly at any instant: across hours, days, months and years', async () => {
    const deadlines = [
      '2025-12-31T23:59:59.999Z',
      '2026-01-31T10:00:00.000Z',
      '2026-02-28T23:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
      '2026-03-19T09:59:59.999Z',
      '2026-03-19T10:00:00.000Z',
      '2026-03-19T10:29:59.999Z',
      '2026-03-19T10:30:00.000Z',
      '2026-03-19T19:00:00.000Z',
      '2026-03-31T23:59:59.999Z',
      '2026-04-01T00:00:00.000Z',
      null,
    ]
    const cases = deadlines.map((dueAt, i) => applicationRecord(`t${String(i).padStart(3, '0')}`, { unitId: 'c2-u500', status: 'verifying', dueAt }))
    for (const a of cases) await store.repos.applications.insert(a)
    const instants = ['2025-06-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-19T10:30:00.000Z', '2026-03-19T10:29:59.999Z', '2026-03-19T23:00:00.000Z', '2026-03-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z']
    for (const now of instants) {
      const overdue = deadlines.filter((d) => d !== null && d < now).length
      for (const root of ['prov', 'c2', 'c2-u500']) {
        const counts = await store.repos.applications.stageCountsUnder(root, now)
        expect(counts.verifying).toEqual({ total: deadlines.length, overdue })
        for (const s of QUEUE_STAGES) if (s !== 'verifying') expect(counts[s].overdue).toBeLessThanOrEqual(counts[s].total)
      }
    }
    // A case moved on leaves the counts of its stage at once.
    await store.repos.applications.update({ ...cases[4], status: 'publicizing', version: 2 }, 1)
    const at = '2026-03-19T10:30:00.000Z'
    const still = deadlines.filter((d, i) => i !== 4 && d !== null && d < at).length
    expect((await store.repos.applications.stageCountsUnder('prov', at)).verifying).toEqual({ total: deadlines.length - 1, overdue: still })
  }, 60_000)

  it('counts the running notices exactly at any instant, as notices end, are recorded and their unit moves', async () => {
    const ends = [
      '2025-12-31T23:59:59.999Z',
      '2026-01-31T10:00:00.000Z',
      '2026-03-09T12:00:00.000Z',
      '2026-03-19T09:59:59.999Z',
      '2026-03-19T10:00:00.000Z',
      '2026-03-19T10:29:59.999Z',
      '2026-03-19T10:30:00.000Z',
      '2026-03-19T10:30:00.000Z',
      '2026-03-19T19:00:00.000Z',
      '2026-03-31T23:59:59.999Z',
      '2026-04-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ]
    const unit = 'c2-u998'
    const instants = ['2025-06-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-19T10:29:59.999Z', '2026-03-19T10:30:00.000Z', '2026-03-19T10:30:00.001Z', '2026-03-19T23:00:00.000Z', '2026-03-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z']
    const baseline = new Map<string, number>()
    for (const now of instants) for (const root of ['prov', 'c2', 'c0']) baseline.set(`${root}@${now}`, await store.repos.applications.countNoticesUnder(root, now))
    expect(await store.repos.applications.countNoticesUnder(unit, instants[0])).toBe(0)
    const cases = ends.map((endsAt, i) => applicationRecord(`m${String(i).padStart(3, '0')}`, { unitId: unit, status: 'publicizing', noticeEndsAt: endsAt }))
    for (const a of cases) await store.repos.applications.insert(a)
    const expectCounts = async (live: (string | null)[], roots: string[], outside: string[]) => {
      for (const now of instants) {
        const running = live.filter((e) => e !== null && e > now).length
        expect(await store.repos.applications.countNoticesUnder(unit, now)).toBe(running)
        for (const root of roots) expect(await store.repos.applications.countNoticesUnder(root, now)).toBe(baseline.get(`${root}@${now}`)! + running)
        for (const root of outside) expect(await store.repos.applications.countNoticesUnder(root, now)).toBe(baseline.get(`${root}@${now}`))
      }
    }
    await expectCounts(ends, ['prov', 'c2'], ['c0'])
    // The timer records two ended notices (their end cleared), an objection stops a running one.
    const live: (string | null)[] = [...ends]
    for (const i of [0, 4, 9]) {
      await store.repos.applications.update({ ...cases[i], noticeEndsAt: null, version: 2 }, 1)
      live[i] = null
    }
    await expectCounts(live, ['prov', 'c2'], ['c0'])
    // The unit moves to another city: its notices are counted there, no longer in its old one.
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    await expect(moveUnit(depsAt(), admin, { unitId: unit, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    const running = (now: string) => live.filter((e) => e !== null && e > now).length
    for (const now of instants) {
      expect(await store.repos.applications.countNoticesUnder('c0', now)).toBe(baseline.get(`c0@${now}`)! + running(now))
      expect(await store.repos.applications.countNoticesUnder('c2', now)).toBe(baseline.get(`c2@${now}`))
      expect(await store.repos.applications.countNoticesUnder('prov', now)).toBe(baseline.get(`prov@${now}`)! + running(now))
    }
  }, 60_000)

  it('files a moved unit\'s call tasks under its new place', async () => {
    const moving = tasks().find((t) => t.status === 'open' && t.unitId.startsWith('c2-'))!
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    const before = await store.repos.callTasks.countOpenUnder('c0')
    const inUnit = tasks().filter((t) => t.status === 'open' && t.unitId === moving.unitId).length
    await expect(moveUnit(depsAt(), admin, { unitId: moving.unitId, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect(await store.repos.callTasks.countOpenUnder('c0')).toBe(before + inUnit)
    expect((await store.repos.callTasks.openUnder('c0', null, 100)).map((t) => t.id)).toContain(moving.id)
    expect((await store.repos.callTasks.openUnder('c2', null, 100)).map((t) => t.id)).not.toContain(moving.id)
    // A task closed later leaves the list and its count.
    await store.repos.callTasks.put({ ...moving, status: 'done', doneAt: NOW })
    expect(await store.repos.callTasks.countOpenUnder('c0')).toBe(before + inUnit - 1)
    expect((await store.repos.callTasks.openUnder(moving.unitId, null, 100)).map((t) => t.id)).not.toContain(moving.id)
  }, 60_000)
})
