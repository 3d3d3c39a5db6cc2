/**
 * Issue 14: the household scans and the budgets of a jurisdiction of any size, on both stores. A
 * province of 3,004 units: the scans behind exports, campaigns, the overdue list and the pickers
 * go by the unit's path a page at a time (no list of unit ids, no size limit), and see every
 * household of the caller's jurisdiction once and none outside it; the budgets of a unit's
 * children come a page at a time by cursor; a moved unit's households and budgets follow it.
 */
import type { Budget } from '../../src/domain/budget'
import type { ExportedFile } from '../../src/domain/api/households'
import type { Deps, HouseholdRecord, Store } from '../../server/ports'
import { moveUnit } from '../../server/usecases/admin/units'
import { listBudgets } from '../../server/usecases/households/budgets'
import { checkPack } from '../../server/usecases/households/check-pack'
import { getCampaign } from '../../server/usecases/households/campaigns'
import { exportHouseholds } from '../../server/usecases/households/export'
import { exportStatus, runExportPart, startHouseholdExport } from '../../server/usecases/households/export-jobs'
import { listHouseholds, staffChoices } from '../../server/usecases/households/read'
import { forEachHouseholdPage } from '../../server/usecases/households/scan'
import { readCsv } from '../../server/usecases/shared/csv'
import { DEFAULT_SHEET_LIMITS } from '../../server/usecases/shared/sheet-limits'
import { sqliteDeps } from '../support/deps'
import { exportedBytes } from '../support/exports'
import { campaignRecord, householdRecord } from '../support/household-records'
import { CITIES, provinceTree, UNITS_PER_CITY } from '../support/province'
import { contractStores } from './stores'

const { factories } = contractStores()

const NOW = '2026-12-01T02:00:00.000Z'
const unitOf = (i: number) => `c${i % CITIES}-u${(i * 61) % UNITS_PER_CITY}`

/** 45 households over the province, file numbers running against the ids; every seventh deregistered. */
const households = (): HouseholdRecord[] =>
  Array.from({ length: 45 }, (_, i) =>
    householdRecord(`h${String(i).padStart(3, '0')}`, { unitId: unitOf(i), number: `MLS-H-2026-${String(900 - i).padStart(6, '0')}`, status: i % 7 === 3 ? 'deregistered' : 'filed' }),
  )

const budget = (unitId: string, fundSource: Budget['fundSource'], amountFen: number): Budget => ({
  id: `${unitId}:2026:${fundSource}`, unitId, year: 2026, fundSource, amountFen, committedFen: 0, version: 1, setBy: 'o-admin', setAt: '2026-01-05T00:00:00.000Z',
})

/** Budgets of the province, every city and every ninth grassroots unit of c0 and c2. */
const budgets = (): Budget[] => [
  budget('prov', 'central', 9_000_000),
  ...Array.from({ length: CITIES }, (_, c) => budget(`c${c}`, 'union', 1_000_000 + c)),
  ...Array.from({ length: Math.floor(UNITS_PER_CITY / 9) }, (_, j) => [budget(`c0-u${j * 9}`, 'county', 1000 + j), budget(`c2-u${j * 9 + 7}`, 'union', 2000 + j)]).flat(),
]

describe.each(factories)('household scans and budgets of a jurisdiction of any size: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let deps: Deps
  const tree = provinceTree()
  const byId = new Map(tree.map((u) => [u.id, u]))
  /** Where each unit is now (the last test moves one). */
  const pathOf = (unitId: string) => byId.get(unitId)!.path
  const under = (root: string, unitId: string) => pathOf(unitId).includes(root)
  const numbersUnder = (root: string, status?: 'filed') =>
    households()
      .filter((h) => under(root, h.unitId) && (!status || h.status === status))
      .map((h) => h.number)
      .sort()
  const admin = (unitId: string) => ({ openid: `o-admin-${unitId}`, roles: ['admin' as const, 'reviewer' as const], unitId })
  const caseworker = (unitId: string) => ({ openid: `o-cw-${unitId}`, roles: ['caseworker' as const], unitId })

  beforeAll(async () => {
    ;({ store, close } = open())
    for (let i = 0; i < tree.length; i += 50) await Promise.all(tree.slice(i, i + 50).map((u) => store.repos.units.put(u)))
    for (const h of households()) await store.repos.households.insert(h)
    for (const b of budgets()) expect(await store.repos.budgets.put(b, 0)).toBe(true)
    // 1,200 caseworkers all over the province: more than a list of unit ids could name at once on CloudBase.
    for (let i = 0; i < 1200; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => store.repos.staff.put({ openid: `o-s${String(i + k).padStart(4, '0')}`, displayName: `干部${i + k}`, unitId: unitOf(i + k), roles: ['caseworker'], active: (i + k) % 10 !== 0 })))
    }
    // The deps around this store (their own close would close the store the next test uses).
    deps = sqliteDeps(store).deps
    deps.clock.now = () => new Date(NOW)
  }, 180_000)
  afterAll(() => close())

  /** The file numbers of a CSV export, in its order. */
  const exportedNumbers = async (file: ExportedFile) => {
    const table = readCsv(new Uint8Array(await exportedBytes(deps.files, file)), { ...DEFAULT_SHEET_LIMITS, maxBytes: Infinity, maxRows: Infinity })
    return table.rows.map((r) => r.cells[table.header.indexOf('档案编号')])
  }

  it('scans every household under the province, a city or a unit once, by file number', async () => {
    for (const root of ['prov', 'c1', unitOf(4), 'c2-u999']) {
      const seen: string[] = []
      await forEachHouseholdPage(store.repos, { under: root }, (page) => void seen.push(...page.map((h) => h.number)))
      expect(seen).toEqual(numbersUnder(root))
    }
    const filed: string[] = []
    await forEachHouseholdPage(store.repos, { under: 'prov', status: 'filed' }, (page) => void filed.push(...page.map((h) => h.number)))
    expect(filed).toEqual(numbersUnder('prov', 'filed'))
  })

  it('exports the province for its admin and a street for its caseworker, at once or as a job in parts', async () => {
    const all = await exportHouseholds(deps, admin('prov'), { format: 'csv' })
    expect(await exportedNumbers(all)).toEqual(numbersUnder('prov'))
    const street = await exportHouseholds(deps, caseworker(unitOf(1)), { format: 'csv' })
    expect(await exportedNumbers(street)).toEqual(numbersUnder(unitOf(1)))
    expect(numbersUnder(unitOf(1)).length).toBeLessThan(numbersUnder('prov').length)
    await expect(exportHouseholds(deps, caseworker(unitOf(1)), { format: 'csv', unitId: 'c0' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitId' })

    // A job of pages of 4, two pages a part: parts follow one another without a gap or a repeat.
    await store.repos.staff.put({ openid: admin('c0').openid, displayName: '市管理员', unitId: 'c0', roles: admin('c0').roles, active: true })
    const job = await startHouseholdExport(deps, admin('c0'), { format: 'csv' }, { requestId: 'scan-job-1' })
    const outcomes: string[] = []
    for (let i = 0; i < 20 && outcomes[outcomes.length - 1] !== 'ready'; i++) outcomes.push(await runExportPart(deps, job.jobId, { ms: 60_000, maxPages: 2, pageSize: 4 }))
    // Eight households a part, the last one put together with the file.
    const parts = Math.ceil(numbersUnder('c0').length / 8)
    expect(parts).toBeGreaterThan(1)
    expect(outcomes).toEqual([...Array<string>(parts - 1).fill('written'), 'ready'])
    const done = await exportStatus(deps, admin('c0'), { jobId: job.jobId })
    expect(await exportedNumbers(done.file!)).toEqual(numbersUnder('c0'))
  }, 60_000)

  it('lists the overdue households of the province and offers its staff in the pickers, without a size limit', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listHouseholds(deps, admin('prov'), { pageSize: 8, overdueOnly: true, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((i) => i.number))
      expect(page.items.every((i) => i.contactOverdue && i.unitName === byId.get(households().find((h) => h.number === i.number)!.unitId)!.name)).toBe(true)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    // Never contacted since filing in March: every filed household is overdue in December.
    expect(seen).toEqual(numbersUnder('prov', 'filed'))

    const { items } = await staffChoices(deps, admin('prov'), { role: 'caseworker' })
    expect(items).toHaveLength(500)
    expect(new Set(items.map((s) => s.openid)).size).toBe(500)
    expect(items.every((s) => s.unitName.startsWith('基层'))).toBe(true)
    const city = await staffChoices(deps, admin('c2'), {})
    expect(city.items.length).toBe(Array.from({ length: 1200 }, (_, i) => i).filter((i) => i % 10 !== 0 && unitOf(i).startsWith('c2-')).length)
  }, 60_000)

  it('reads a campaign over a city and a unit of another, and a caseworker\'s check pack, by unit path', async () => {
    const campaign = campaignRecord('camp-prov', { unitIds: ['c1', unitOf(2)], startsOn: '2026-04-01', endsOn: '2026-12-31', createdAt: '2026-04-01T00:00:00.000Z' })
    await store.repos.campaigns.insert(campaign)
    // On file when it started, by their history (the fixtures' deregistered ones carry no deregistration).
    const inScope = households().filter((h) => under('c1', h.unitId) || h.unitId === unitOf(2))
    const view = await getCampaign(deps, admin('prov'), { campaignId: campaign.id, page: 1, pageSize: 50, pendingOnly: false })
    expect(view.progress.total.inScope).toBe(inScope.length)
    expect(view.households.items.map((h) => h.number)).toEqual(inScope.map((h) => h.number).sort())
    expect(view.unitNames).toEqual({ c1: '市1', [unitOf(2)]: byId.get(unitOf(2))!.name })
    // A city's caseworker sees the part of the scope in their city only.
    const c2 = await getCampaign(deps, caseworker('c2'), { campaignId: campaign.id, page: 1, pageSize: 50, pendingOnly: false })
    expect(c2.households.items.map((h) => h.number)).toEqual(inScope.filter((h) => under('c2', h.unitId)).map((h) => h.number).sort())
    const pack = await checkPack(deps, caseworker('c1'), { campaignId: campaign.id })
    expect(pack.checks.map((c) => c.household.number)).toEqual(inScope.filter((h) => under('c1', h.unitId)).map((h) => h.number).sort())
  }, 60_000)

  /** Every child of `unitId` with its budgets, page by page; the unit's own from the first page. */
  const walkBudgets = async (actor: ReturnType<typeof admin>, unitId: string, pageSize: number) => {
    const children: { id: string; sources: string[] }[] = []
    let cursor: string | undefined
    let own: string[] = []
    do {
      const page = await listBudgets(deps, actor, { year: 2026, unitId, pageSize, ...(cursor ? { cursor } : {}) })
      if (!cursor) own = Object.keys(page.own)
      children.push(...page.children.map((c) => ({ id: c.id, sources: Object.keys(c.budgets) })))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return { own, children }
  }
  const expectedChildren = (unitId: string) =>
    tree
      .filter((u) => u.parentId === unitId)
      .map((u) => u.id)
      .sort()
      .map((id) => ({ id, sources: budgets().filter((b) => b.unitId === id).map((b) => b.fundSource) }))

  it('pages the budgets of a unit\'s children by cursor, for a province or a city of 1,000 units', async () => {
    expect(await walkBudgets(admin('prov'), 'prov', 2)).toEqual({ own: ['central'], children: expectedChildren('prov') })
    const c0 = await walkBudgets(admin('prov'), 'c0', 50)
    expect(c0).toEqual({ own: ['union'], children: expectedChildren('c0') })
    expect(c0.children).toHaveLength(UNITS_PER_CITY)
    expect(c0.children.filter((c) => c.sources.length > 0)).toHaveLength(111)
    // A street's caseworker sees their own unit's budgets, and nothing above it.
    const street = await listBudgets(deps, caseworker('c0-u9'), { year: 2026, pageSize: 20 })
    expect(street).toMatchObject({ unit: { id: 'c0-u9' }, own: { county: { amountFen: 1001, leftFen: 1001 } }, children: [], nextCursor: null, maySet: false })
    await expect(listBudgets(deps, caseworker('c0-u9'), { year: 2026, unitId: 'c0', pageSize: 20 })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitId' })
    // A cursor of another unit or year is refused.
    const first = await listBudgets(deps, admin('prov'), { year: 2026, unitId: 'c0', pageSize: 5 })
    await expect(listBudgets(deps, admin('prov'), { year: 2026, unitId: 'c1', pageSize: 5, cursor: first.nextCursor! })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
    await expect(listBudgets(deps, admin('prov'), { year: 2025, unitId: 'c0', pageSize: 5, cursor: first.nextCursor! })).rejects.toMatchObject({ code: 'VALIDATION', field: 'cursor' })
  }, 120_000)

  it('files a moved unit\'s households and budgets under its new place', async () => {
    // A unit with a household and a budget.
    const moving = 'c2-u403'
    const mine = households().filter((h) => h.unitId === moving)
    expect(mine).toHaveLength(1)
    const { deps: moveDeps } = sqliteDeps(store)
    await expect(moveUnit(moveDeps, admin('prov'), { unitId: moving, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    byId.set(moving, { ...byId.get(moving)!, parentId: 'c0', path: ['prov', 'c0', moving] })
    tree.splice(tree.findIndex((u) => u.id === moving), 1, byId.get(moving)!)
    const c0: string[] = []
    await forEachHouseholdPage(store.repos, { under: 'c0' }, (page) => void c0.push(...page.map((h) => h.number)))
    expect(c0).toEqual(numbersUnder('c0'))
    for (const h of mine) expect(c0).toContain(h.number)
    const c2: string[] = []
    await forEachHouseholdPage(store.repos, { under: 'c2' }, (page) => void c2.push(...page.map((h) => h.number)))
    for (const h of mine) expect(c2).not.toContain(h.number)
    const moved = await walkBudgets(admin('prov'), 'c0', 100)
    expect(moved.children).toContainEqual({ id: moving, sources: ['union'] })
    expect(moved.children).toEqual(expectedChildren('c0'))
    expect((await walkBudgets(admin('prov'), 'c2', 100)).children.map((c) => c.id)).not.toContain(moving)
  }, 120_000)
})
