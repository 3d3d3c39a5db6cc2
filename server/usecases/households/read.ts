import type { Actor, StaffRole } from '../../../src/domain'
import type { HouseholdItem, HouseholdView, StaffChoice } from '../../../src/domain/api/households'
import type { CursorPage } from '../../../src/domain/api/applicant'
import { DEFAULT_CONTACT_OVERDUE_DAYS, type HouseholdStatus } from '../../../src/domain/household'
import type { Deps, HouseholdRecord, Repositories, StaffRecord } from '../../ports'
import { contactOverdueDays, householdOf, householdRoot, requireStaff, toHouseholdItem } from './access'
import { unitNamesOf } from '../admin/staff'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { forEachHouseholdPage } from './scan'
import { CASE_ROLES } from './household-write'
import { toHouseholdView } from './household-view'

/** The most households a search returns (it names one file or one person's few). */
const MAX_SEARCH_RESULTS = 50
/** The most people a picker offers. */
const MAX_CHOICES = 500

export interface ListInput {
  pageSize: number
  cursor?: string
  status?: HouseholdStatus
  unitId?: string
  search?: string
  overdueOnly: boolean
}

/** `toHouseholdItem` for households, reading each unit (its name) and its overdue days once. */
function itemMaker(repos: Repositories, now: Date): (rec: HouseholdRecord) => Promise<HouseholdItem> {
  const units = new Map<string, Promise<{ name: string; days: number }>>()
  const unitOf = async (id: string) => {
    const unit = await repos.units.get(id)
    return unit ? { name: unit.name, days: await contactOverdueDays(repos, unit) } : { name: '', days: DEFAULT_CONTACT_OVERDUE_DAYS }
  }
  return async (rec) => {
    if (!units.has(rec.unitId)) units.set(rec.unitId, unitOf(rec.unitId))
    const { name, days } = await units.get(rec.unitId)!
    return toHouseholdItem(rec, name, now, days)
  }
}

/**
 * The overdue filed households of the units, by file number. Reads every filed household of the
 * jurisdiction (a page at a time) since "overdue" depends on today and each unit's policy, so no
 * index can answer it; only the small list items are kept. Fine for a union's thousands of files;
 * a larger store would keep an overdue-since date on the record instead.
 */
async function overdueItems(repos: Repositories, under: string, toItem: (rec: HouseholdRecord) => Promise<HouseholdItem>): Promise<HouseholdItem[]> {
  const out: HouseholdItem[] = []
  // Pages arrive by file number, so the list is in order as it is read.
  await forEachHouseholdPage(repos, { under, status: 'filed' }, async (page) => {
    for (const item of await Promise.all(page.map(toItem))) if (item.contactOverdue) out.push(item)
  })
  return out
}

/** Where the next page starts: after a file number and id (the plain list), or at an offset (a search, the overdue list); with the filter it was made for. */
type ListPosition = { f: string; n: string; i: string } | { f: string; o: number }

const positionFor = (filter: string) => (v: unknown): v is ListPosition => {
  if (typeof v !== 'object' || v === null || (v as { f?: unknown }).f !== filter) return false
  const o = (v as { o?: unknown }).o
  return hasStrings(v, ['n', 'i']) || (Number.isInteger(o) && (o as number) > 0)
}

/**
 * The household list: the jurisdiction's files (or a unit's subtree inside it, however many
 * units) by file number, optionally of one status, a page at a time by cursor, with the total
 * from counters. A search by file number or the head's full name looks across the jurisdiction;
 * `overdueOnly` keeps the filed households whose cadre has not been in touch for too long.
 */
export async function listHouseholds(deps: Deps, actor: Actor, input: ListInput): Promise<CursorPage<HouseholdItem>> {
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const toItem = itemMaker(repos, deps.clock.now())
  const search = input.search?.trim() ?? ''
  const filter = JSON.stringify([root.id, input.status ?? '', search, input.overdueOnly])
  const at = decodeCursor(input.cursor, positionFor(filter))
  const page = (items: HouseholdItem[], total: number, next: ListPosition | null): CursorPage<HouseholdItem> => ({ items, total, pageSize: input.pageSize, nextCursor: next && encodeCursor(next) })
  /** A page of a list held whole (a search's few, the overdue ones). */
  const slice = (all: HouseholdItem[]) => {
    const start = at && 'o' in at ? at.o : 0
    const end = start + input.pageSize
    return page(all.slice(start, end), all.length, end < all.length ? { f: filter, o: end } : null)
  }
  if (search) {
    const found = await Promise.all((await repos.households.search(root.id, search, MAX_SEARCH_RESULTS)).map(toItem))
    return slice(found.filter((i) => (!input.status || i.status === input.status) && (!input.overdueOnly || i.contactOverdue)))
  }
  if (input.overdueOnly) {
    return slice(input.status === 'deregistered' ? [] : await overdueItems(repos, root.id, toItem))
  }
  const after = at && 'n' in at ? { number: at.n, id: at.i } : null
  const [recs, total] = await Promise.all([
    repos.households.listPage({ under: root.id, status: input.status, after, limit: input.pageSize + 1 }),
    repos.households.countUnder(root.id, input.status),
  ])
  const shown = recs.slice(0, input.pageSize)
  const last = shown[shown.length - 1]
  return page(await Promise.all(shown.map(toItem)), total, recs.length > input.pageSize ? { f: filter, n: last.number, i: last.id } : null)
}

/** The household page, with what the caller may do now. NOT_FOUND outside the jurisdiction. */
export async function getHousehold(deps: Deps, actor: Actor, input: { householdId: string }): Promise<HouseholdView> {
  const repos = deps.store.repos
  const { rec, unit } = await householdOf(repos, actor, input.householdId)
  return toHouseholdView(deps, repos, actor, rec, unit)
}

/** Up to MAX_CHOICES active staff holding one of `roles` from pages of staff (`read(after)`, 100 at a time, by openid). A query. */
async function activeStaff(read: (after: string | null) => Promise<StaffRecord[]>, roles: readonly StaffRole[]): Promise<StaffRecord[]> {
  const out: StaffRecord[] = []
  for (let after: string | null = null; out.length < MAX_CHOICES; ) {
    const items = await read(after)
    out.push(...items.filter((s) => s.active && roles.some((r) => s.roles.includes(r))))
    if (items.length < 100) break
    after = items[items.length - 1].openid
  }
  return out.slice(0, MAX_CHOICES)
}

/**
 * People for the cadre and approver pickers: active staff holding `role` (or either case role).
 * With a household: those whose jurisdiction covers it (its unit and the units above), exactly
 * whom `assignCadre` and `recordPayment` accept; without: the staff of the caller's jurisdiction
 * (under its unit, however many units), by openid.
 */
export async function staffChoices(deps: Deps, actor: Actor, input: { role?: 'caseworker' | 'reviewer'; householdId?: string }): Promise<{ items: StaffChoice[] }> {
  requireStaff(actor)
  const repos = deps.store.repos
  const roles = input.role ? [input.role] : CASE_ROLES
  let staff: StaffRecord[]
  if (input.householdId) {
    const { unit } = await householdOf(repos, actor, input.householdId)
    // The units on its path: a few, one page of them at an offset.
    let offset = 0
    staff = await activeStaff(async () => {
      const { items } = await repos.staff.listByUnits(unit.path, { offset, limit: 100 })
      offset += items.length
      return items
    }, roles)
  } else {
    staff = await activeStaff((after) => repos.staff.listUnder(actor.unitId, after, 100), roles)
  }
  const names = await unitNamesOf(repos, staff.map((s) => s.unitId))
  return { items: staff.map((s) => ({ openid: s.openid, name: s.displayName, unitName: names.get(s.unitId) ?? '' })) }
}
