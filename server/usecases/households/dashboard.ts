import { AppError, maskName, type Actor } from '../../../src/domain'
import type { DashboardView } from '../../../src/domain/api/households'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../src/domain/application-status'
import { shanghaiDayEndMs, type CalendarDate } from '../../../src/domain/calendar'
import type { Campaign, CheckRecord } from '../../../src/domain/campaign'
import { computeDashboard, latestCampaign, type DashboardHousehold, type DateRange } from '../../../src/domain/dashboard'
import { householdStatusAt, type ContactEntry } from '../../../src/domain/household'
import { extraRows, figuresFromRows } from '../../../src/domain/figures'
import type { Deps, OrgUnitRecord, Repositories } from '../../ports'
import { contactOverdueDays, householdUnits, requireStaff } from './access'
import { campaignConcerns, statusEvents } from './campaign-scope'
import { allCheckRecords, forEachHouseholdPage, mapLimited } from './scan'
import { latestContactBy } from './contact-lookup'

/**
 * The dashboard of the caller's jurisdiction (or a unit's subtree inside it) for a date range.
 *
 * - On file, filed and deregistered, funds, person-times and households aided: the store keeps
 *   them per unit and month as records are written (src/domain/figures.ts, `repos.figures`), so a
 *   view reads the unit's month rows, however large its subtree. Tests hold them equal to the
 *   domain's reference computation `computeDashboard` over the raw records.
 * - The campaign's progress and the overdue contacts are still the reference's, over the
 *   households' status history (a page at a time):
 * - Contacts: the household's `lastContactOn`, the latest contact day (addContact keeps the
 *   latest, not the last logged). The reference takes, per household, the latest contact on or
 *   before `to` (and not before the filing), so the two agree whenever `lastContactOn <= to`. For a
 *   household on file at `to` whose latest contact is after `to` (a range in the past), its log is
 *   read for the latest contact on or before `to`: exact, and only for those households.
 * - Campaigns: those overlapping the range that concern the unit; the check records of the latest.
 * - Applications by status: counted by the store per status (every status but `draft`: a draft is
 *   the worker's own until submitted, and no union sees it).
 * - Stations by kind: the whole network, counted by the store. Stations are not per jurisdiction
 *   (one city's network serves everyone), so every unit's dashboard shows the same counts.
 * - The overdue threshold: the policy of the dashboard's unit (inherited from above it).
 */

/** The longest range the dashboard takes: its series has a point per month. */
export const MAX_DASHBOARD_YEARS = 20

function rangeProblem(from: CalendarDate, to: CalendarDate): AppError | null {
  if (from > to) return new AppError('VALIDATION', '结束日期不能早于开始日期', 'to')
  const limit = `${String(Number(from.slice(0, 4)) + MAX_DASHBOARD_YEARS).padStart(4, '0')}${from.slice(4)}`
  return to >= limit ? new AppError('VALIDATION', `统计期间不能超过${MAX_DASHBOARD_YEARS}年`, 'from') : null
}

async function applicationsByStatus(repos: Repositories, unitIds: string[], now: string): Promise<Record<ApplicationStatus, number>> {
  const counted = APPLICATION_STATUSES.filter((s) => s !== 'draft')
  const totals = await Promise.all(counted.map((s) => repos.applications.countStage(unitIds, s, now)))
  const out = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>
  counted.forEach((s, i) => (out[s] = totals[i].total))
  return out
}

/** The campaigns overlapping the range that concern `root`'s subtree (at most a few a year). */
async function campaignsOf(repos: Repositories, root: OrgUnitRecord, range: DateRange): Promise<Campaign[]> {
  const out: Campaign[] = []
  for (let offset = 0; ; offset += 100) {
    const { items } = await repos.campaigns.list({ offset, limit: 100 })
    for (const c of items) if (c.startsOn <= range.to && c.endsOn >= range.from && (await campaignConcerns(repos, c, root))) out.push(c)
    if (items.length < 100) break
  }
  return out
}

/** The dashboard's figures (money in fen) and the unit's name. */
export async function householdDashboard(deps: Deps, actor: Actor, input: { from: CalendarDate; to: CalendarDate; unitId?: string }): Promise<DashboardView> {
  requireStaff(actor)
  const problem = rangeProblem(input.from, input.to)
  if (problem) throw problem
  const range: DateRange = { from: input.from, to: input.to }
  const repos = deps.store.repos
  const units = await householdUnits(repos, actor, input.unitId)
  const root = units.find((u) => u.id === (input.unitId ?? actor.unitId))!
  const pathOf = new Map(units.map((u) => [u.id, u.path]))
  const unitIds = [...pathOf.keys()]

  const households: DashboardHousehold[] = []
  const names = new Map<string, { number: string; headName: string; unitId: string }>()
  const contacts: Pick<ContactEntry, 'householdId' | 'on'>[] = []
  const contactedLater: DashboardHousehold[] = []
  const [rows, campaign] = await Promise.all([repos.figures.rows(root.id, range.to.slice(0, 7), extraRows(range)), campaignsOf(repos, root, range).then((cs) => latestCampaign(cs, range))])
  await forEachHouseholdPage(repos, { unitIds }, (page) => {
    for (const rec of page) {
      const h: DashboardHousehold = { id: rec.id, unitId: rec.unitId, unitPath: pathOf.get(rec.unitId) ?? [], history: statusEvents(rec.history) }
      households.push(h)
      names.set(rec.id, { number: rec.number, headName: rec.headName, unitId: rec.unitId })
      if (rec.lastContactOn !== null && rec.lastContactOn <= range.to) contacts.push({ householdId: rec.id, on: rec.lastContactOn })
      else if (rec.lastContactOn !== null) contactedLater.push(h)
    }
  })
  const endMs = shanghaiDayEndMs(range.to)
  const onFileAtEnd = contactedLater.filter((h) => householdStatusAt(h.history, endMs) === 'filed')
  for (const c of await mapLimited(onFileAtEnd, 10, (h) => latestContactBy(repos, h.id, range.to))) if (c) contacts.push(c)

  const ids = new Set(households.map((h) => h.id))
  const checkRecords: CheckRecord[] = campaign ? (await allCheckRecords(repos, campaign.id)).filter((r) => ids.has(r.householdId)) : []

  const [byStatus, stationsByKind, aidStationsByLevel, overdueDays] = await Promise.all([
    applicationsByStatus(repos, unitIds, deps.clock.now().toISOString()),
    repos.stations.countByKind(),
    repos.stations.countAidByLevel(),
    contactOverdueDays(repos, root),
  ])
  // The reference computes what the kept figures do not cover (the campaign, overdue contacts); the rest is read from them.
  const figures = computeDashboard(
    { households, disbursements: [], applications: [], stations: [], campaigns: campaign ? [campaign] : [], checkRecords, contacts, contactOverdueDays: overdueDays },
    range,
  )
  const unitNames = new Map(units.map((u) => [u.id, u.name]))
  const overdueHouseholds = Object.fromEntries(
    figures.overdueContacts.flatMap(({ householdId }) => {
      const h = names.get(householdId)
      return h ? [[householdId, { number: h.number, headNameMasked: maskName(h.headName), unitName: unitNames.get(h.unitId) ?? '' }]] : []
    }),
  )
  // The counts come from the store; the reference would count the same records one by one.
  return {
    ...figures,
    ...figuresFromRows(rows, range),
    applicationsByStatus: byStatus,
    stationsByKind,
    aidStationsByLevel,
    unitName: root.name,
    units: units.filter((u) => u.parentId === root.id).map((u) => ({ id: u.id, name: u.name })),
    overdueHouseholds,
  }
}
