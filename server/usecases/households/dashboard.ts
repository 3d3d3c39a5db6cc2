import { AppError, maskName, type Actor } from '../../../src/domain'
import { DASHBOARD_OVERDUE_LISTED, type DashboardView } from '../../../src/domain/api/households'
import { daysBetween, type CalendarDate } from '../../../src/domain/calendar'
import { scopeMomentMs, type Campaign, type CampaignProgress, type UnitProgress } from '../../../src/domain/campaign'
import type { DateRange, OverdueContact } from '../../../src/domain/dashboard'
import { extraRows, figuresFromRows } from '../../../src/domain/figures'
import type { Deps, OrgUnitRecord, Repositories } from '../../ports'
import { householdRoot, requireStaff } from './access'
import { overlaps, scopeUnits } from './campaign-scope'

/**
 * The dashboard of the caller's jurisdiction (or a unit's subtree inside it) for a date range.
 *
 * - On file, filed and deregistered, funds, person-times and households aided: the store keeps
 *   them per unit and month as records are written (src/domain/figures.ts, `repos.figures`), so a
 *   view reads the unit's month rows, however large its subtree. Tests hold every figure equal to
 *   the domain's reference computation `computeDashboard` over the raw records.
 *
 * What a view reads is bounded whatever the number of households and units: the unit and its
 * children, its month rows up to the range's end (one a month of history) and three more, the
 * campaigns of the scope by unit path from the range's end back to the first one still running in
 * it, a count per application status, the station
 * counts, two counts and up to 2 x 30 spells for the overdue contacts (and those 30 households),
 * and five counts per region of the campaign's scope units.
 * - Overdue contacts: the store keeps each household's overdue spells (src/domain/contact-spells.ts,
 *   `repos.contactClocks`) under every unit above it, so the count at the end of `to` is two index
 *   ranges, and the longest DASHBOARD_OVERDUE_LISTED are an index range in order of the day their
 *   days count from. The overdue days are each household's policy's (inherited from above its unit).
 * - Campaigns: the latest overlapping the range that concerns the unit; its progress from
 *   kept counts (`keptCampaignProgress`): the households on file at its scope's moment and the
 *   check records, counted per unit.
 * - Applications by status: kept by the store per unit above and status, or counted on its index by
 *   unit path (`statusCountsUnder`; every status but `draft`: a draft is the worker's own until
 *   submitted, and no union sees it).
 * - Stations by kind: the whole network, counted by the store. Stations are not per jurisdiction
 *   (one city's network serves everyone), so every unit's dashboard shows the same counts.
 */

/** The longest range the dashboard takes: its series has a point per month. */
export const MAX_DASHBOARD_YEARS = 20

function rangeProblem(from: CalendarDate, to: CalendarDate): AppError | null {
  if (from > to) return new AppError('VALIDATION', '结束日期不能早于开始日期', 'to')
  const limit = `${String(Number(from.slice(0, 4)) + MAX_DASHBOARD_YEARS).padStart(4, '0')}${from.slice(4)}`
  return to >= limit ? new AppError('VALIDATION', `统计期间不能超过${MAX_DASHBOARD_YEARS}年`, 'from') : null
}

/** Reads of the scope's campaigns, a page at a time. */
const CAMPAIGN_PAGE = 20

/**
 * The campaign the view shows: the latest (by start, then id) of those overlapping the range whose
 * scope overlaps `root`'s subtree (`latestCampaign`). Read by unit path, newest first from the
 * range's end, to the first that has not ended before the range: not every campaign.
 */
async function campaignOf(repos: Repositories, root: OrgUnitRecord, range: DateRange): Promise<Campaign | null> {
  let after = { startsOn: range.to, id: '\uffff' }
  for (;;) {
    const page = await repos.campaigns.listFor(root, after, CAMPAIGN_PAGE)
    const found = page.find((c) => c.endsOn >= range.from)
    if (found) return found
    if (page.length < CAMPAIGN_PAGE) return null
    after = page.at(-1)!
  }
}

/** A campaign's figures under one region (a unit's subtree), from the store's kept counts. */
async function regionProgress(repos: Repositories, campaignId: string, unitId: string, at: string): Promise<UnitProgress> {
  const [inScope, checks] = await Promise.all([repos.contactClocks.filedCount(unitId, at), repos.checks.countUnder(campaignId, unitId)])
  return { inScope, ...checks }
}

const ZERO: UnitProgress = { inScope: 0, checked: 0, kept: 0, proposedDeregistration: 0 }
const minus = (a: UnitProgress, b: UnitProgress): UnitProgress => ({
  inScope: a.inScope - b.inScope,
  checked: a.checked - b.checked,
  kept: a.kept - b.kept,
  proposedDeregistration: a.proposedDeregistration - b.proposedDeregistration,
})

/**
 * The campaign's progress inside `root`'s subtree, as `campaignProgress` over `campaignScope`
 * computes it, from counts the store keeps: per scope unit U, the households on file at the scope's
 * moment under the part of U's subtree inside root's (R), less those under the scope units below U
 * (a household counts under its deepest scope unit); the same for the check records. A few counts
 * per scope unit, whatever the number of households.
 */
export async function keptCampaignProgress(repos: Repositories, campaign: Campaign, root: OrgUnitRecord): Promise<CampaignProgress> {
  const scope = await scopeUnits(repos, campaign)
  const at = new Date(scopeMomentMs(campaign)).toISOString()
  const byUnit: Record<string, UnitProgress> = {}
  await Promise.all(
    campaign.unitIds.map(async (id) => {
      const unit = scope.find((u) => u.id === id)
      byUnit[id] = ZERO
      if (!unit || !overlaps(unit, root)) return
      const region = root.path.includes(unit.id) ? root : unit
      const below = scope.filter((v) => v.id !== unit.id && v.path.includes(unit.id))
      if (below.some((v) => region.path.includes(v.id))) return
      const inside = below.filter((v) => v.path.includes(region.id))
      const outermost = inside.filter((v) => !inside.some((w) => w.id !== v.id && v.path.includes(w.id)))
      const [all, ...nested] = await Promise.all([region, ...outermost].map((u) => regionProgress(repos, campaign.id, u.id, at)))
      byUnit[id] = nested.reduce(minus, all)
    }),
  )
  const total = Object.values(byUnit).reduce((t, p) => minus(t, minus(ZERO, p)), ZERO)
  return { byUnit, total }
}

/** The overdue households the view lists, with what the list shows of each. */
async function overdueList(repos: Repositories, root: OrgUnitRecord, to: CalendarDate): Promise<{ count: number; contacts: OverdueContact[]; households: DashboardView['overdueHouseholds'] }> {
  const [count, longest] = await Promise.all([repos.contactClocks.overdueCount(root.id, to), repos.contactClocks.overdueLongest(root.id, to, DASHBOARD_OVERDUE_LISTED)])
  const records = await Promise.all(longest.map((e) => repos.households.get(e.householdId)))
  const unitIds = [...new Set(longest.map((e) => e.unitId))]
  const units = new Map((await Promise.all(unitIds.map((id) => repos.units.get(id)))).flatMap((u) => (u ? [[u.id, u.name] as const] : [])))
  const households: DashboardView['overdueHouseholds'] = {}
  records.forEach((h, i) => {
    if (h) households[h.id] = { number: h.number, headNameMasked: maskName(h.headName), unitName: units.get(longest[i].unitId) ?? '' }
  })
  return {
    count,
    contacts: longest.map((e) => ({ householdId: e.householdId, unitId: e.unitId, lastContactOn: e.contactOn, daysSince: daysBetween(e.anchorOn, to) })),
    households,
  }
}

/** The dashboard's figures (money in fen) and the unit's name. */
export async function householdDashboard(deps: Deps, actor: Actor, input: { from: CalendarDate; to: CalendarDate; unitId?: string }): Promise<DashboardView> {
  requireStaff(actor)
  const problem = rangeProblem(input.from, input.to)
  if (problem) throw problem
  const range: DateRange = { from: input.from, to: input.to }
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const [rows, campaign, overdue, byStatus, children, stationsByKind, aidStationsByLevel] = await Promise.all([
    repos.figures.rows(root.id, range.to.slice(0, 7), extraRows(range)),
    campaignOf(repos, root, range),
    overdueList(repos, root, range.to),
    repos.applications.statusCountsUnder(root.id),
    repos.units.children(root.id),
    repos.stations.countByKind(),
    repos.stations.countAidByLevel(),
  ])
  return {
    range,
    ...figuresFromRows(rows, range),
    applicationsByStatus: byStatus,
    stationsByKind,
    aidStationsByLevel,
    campaign: campaign ? { campaign, progress: await keptCampaignProgress(repos, campaign, root) } : null,
    overdueCount: overdue.count,
    overdueContacts: overdue.contacts,
    overdueHouseholds: overdue.households,
    unitName: root.name,
    units: children.map((u) => ({ id: u.id, name: u.name })),
  }
}
