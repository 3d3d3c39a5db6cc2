import type { Actor, StaffRole } from '../../../src/domain'
import type { HouseholdItem, HouseholdView, StaffChoice } from '../../../src/domain/api/households'
import type { Page } from '../../../src/domain/api/applicant'
import { DEFAULT_CONTACT_OVERDUE_DAYS, type HouseholdStatus } from '../../../src/domain/household'
import type { Deps, HouseholdRecord, OrgUnitRecord, Repositories, StaffRecord } from '../../ports'
import { contactOverdueDays, householdOf, householdUnits, requireStaff, toHouseholdItem } from './access'
import { CASE_ROLES } from './household-write'
import { toHouseholdView } from './household-view'

/** The most households a search returns (it names one file or one person's few). */
const MAX_SEARCH_RESULTS = 50
/** Households read per round trip when a list has to look at every file of the jurisdiction. */
const SCAN_BATCH = 500
/** The most people a picker offers. */
const MAX_CHOICES = 500

export interface ListInput {
  page: number
  pageSize: number
  status?: HouseholdStatus
  unitId?: string
  search?: string
  overdueOnly: boolean
}

/** `toHouseholdItem` for households of `units`, reading each unit's overdue days once. */
function itemMaker(repos: Repositories, units: readonly OrgUnitRecord[], now: Date): (rec: HouseholdRecord) => Promise<HouseholdItem> {
  const byId = new Map(units.map((u) => [u.id, u]))
  const days = new Map<string, Promise<number>>()
  return async (rec) => {
    const unit = byId.get(rec.unitId)
    if (!unit) return toHouseholdItem(rec, '', now, DEFAULT_CONTACT_OVERDUE_DAYS)
    if (!days.has(unit.id)) days.set(unit.id, contactOverdueDays(repos, unit))
    return toHouseholdItem(rec, unit.name, now, await days.get(unit.id)!)
  }
}

/**
 * The overdue filed households of the units, by file number. Reads every filed household of the
 * jurisdiction (SCAN_BATCH at a time) since "overdue" depends on today and each unit's policy, so
 * no index can answer it; only the small list items are kept. Fine for a union's thousands of
 * files; a larger store would keep an overdue-since date on the record instead.
 */
async function overdueItems(repos: Repositories, unitIds: string[], toItem: (rec: HouseholdRecord) => Promise<HouseholdItem>): Promise<HouseholdItem[]> {
  const out: HouseholdItem[] = []
  for (let after: string | null = null; ; ) {
    const batch = await repos.households.scan({ unitIds, status: 'filed' }, after, SCAN_BATCH)
    for (const rec of batch) {
      const item = await toItem(rec)
      if (item.contactOverdue) out.push(item)
    }
    if (batch.length < SCAN_BATCH) break
    after = batch[batch.length - 1].id
  }
  return out.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
}

/**
 * The household list: the jurisdiction's files (or a unit's subtree inside it) by file number,
 * optionally of one status. A search by file number or the head's full name looks across the
 * jurisdiction; `overdueOnly` keeps the filed households whose cadre has not been in touch for too long.
 */
export async function listHouseholds(deps: Deps, actor: Actor, input: ListInput): Promise<Page<HouseholdItem>> {
  const repos = deps.store.repos
  const units = await householdUnits(repos, actor, input.unitId)
  const unitIds = units.map((u) => u.id)
  const toItem = itemMaker(repos, units, deps.clock.now())
  const offset = (input.page - 1) * input.pageSize
  const page = (items: HouseholdItem[], total: number): Page<HouseholdItem> => ({ items, total, page: input.page, pageSize: input.pageSize })
  const search = input.search?.trim()
  if (search) {
    const found = await Promise.all((await repos.households.search(unitIds, search, MAX_SEARCH_RESULTS)).map(toItem))
    const kept = found.filter((i) => (!input.status || i.status === input.status) && (!input.overdueOnly || i.contactOverdue))
    return page(kept.slice(offset, offset + input.pageSize), kept.length)
  }
  if (input.overdueOnly) {
    const overdue = input.status === 'deregistered' ? [] : await overdueItems(repos, unitIds, toItem)
    return page(overdue.slice(offset, offset + input.pageSize), overdue.length)
  }
  const { items, total } = await repos.households.list({ unitIds, status: input.status }, { offset, limit: input.pageSize })
  return page(await Promise.all(items.map(toItem)), total)
}

/** The household page, with what the caller may do now. NOT_FOUND outside the jurisdiction. */
export async function getHousehold(deps: Deps, actor: Actor, input: { householdId: string }): Promise<HouseholdView> {
  const repos = deps.store.repos
  const { rec, unit } = await householdOf(repos, actor, input.householdId)
  return toHouseholdView(deps, repos, actor, rec, unit)
}

/** Every active staff member of the units holding one of `roles`, by openid. A query. */
async function activeStaff(repos: Repositories, units: readonly OrgUnitRecord[], roles: readonly StaffRole[]): Promise<StaffRecord[]> {
  const ids = units.map((u) => u.id)
  const out: StaffRecord[] = []
  for (let offset = 0; out.length < MAX_CHOICES; offset += 100) {
    const { items } = await repos.staff.listByUnits(ids, { offset, limit: 100 })
    out.push(...items.filter((s) => s.active && roles.some((r) => s.roles.includes(r))))
    if (items.length < 100) break
  }
  return out.slice(0, MAX_CHOICES)
}

/**
 * People for the cadre and approver pickers: active staff holding `role` (or either case role).
 * With a household: those whose jurisdiction covers it (its unit and the units above), exactly
 * whom `assignCadre` and `recordPayment` accept; without: the staff of the caller's jurisdiction.
 */
export async function staffChoices(deps: Deps, actor: Actor, input: { role?: 'caseworker' | 'reviewer'; householdId?: string }): Promise<{ items: StaffChoice[] }> {
  requireStaff(actor)
  const repos = deps.store.repos
  let units: OrgUnitRecord[]
  if (input.householdId) {
    const { unit } = await householdOf(repos, actor, input.householdId)
    units = (await Promise.all(unit.path.map((id) => repos.units.get(id)))).filter((u): u is OrgUnitRecord => u !== null)
  } else {
    units = await householdUnits(repos, actor)
  }
  const names = new Map(units.map((u) => [u.id, u.name]))
  const staff = await activeStaff(repos, units, input.role ? [input.role] : CASE_ROLES)
  return { items: staff.map((s) => ({ openid: s.openid, name: s.displayName, unitName: names.get(s.unitId) ?? '' })) }
}
