import { APPLICATION_STATUSES, type ApplicationStatus } from './application-status'
import { monthEndsBetween, shanghaiDateOf, shanghaiDayEndMs, shanghaiDayStartMs, type CalendarDate } from './calendar'
import { campaignProgress, campaignScope, type Campaign, type CampaignProgress, type CheckRecord, type ScopedHousehold } from './campaign'
import { contactDue, householdStatusAt, lastFiledOn, type ContactEntry } from './household'
import type { FundSource } from './household-codes'
import { counts, totalsBySource, type DisbursementEntry } from './ledger'
import { STATION_KIND_CODES, type StationKind, type StationStatus } from './station-codes'

/**
 * The dashboard's figures computed from plain arrays, the obvious way. The server's store-backed
 * dashboard is checked against this. The caller passes only its jurisdiction's records.
 */

/** A household with its units (root first) and its history. */
export interface DashboardHousehold extends ScopedHousehold {
  unitId: string
}

/** Everything the dashboard counts, already limited to the caller's jurisdiction. */
export interface DashboardData {
  households: readonly DashboardHousehold[]
  disbursements: readonly DisbursementEntry[]
  applications: readonly { status: ApplicationStatus }[]
  stations: readonly { kind: StationKind; status: StationStatus }[]
  campaigns: readonly Campaign[]
  checkRecords: readonly CheckRecord[]
  contacts: readonly Pick<ContactEntry, 'householdId' | 'on'>[]
  /** The unit's policy: days without contact after which a filed household is overdue. */
  contactOverdueDays: number
}

/** Inclusive calendar dates, Asia/Shanghai. */
export interface DateRange {
  from: CalendarDate
  to: CalendarDate
}

/** A filed household its cadre has not been in touch with for too long. */
export interface OverdueContact {
  householdId: string
  unitId: string
  lastContactOn: CalendarDate | null
  daysSince: number
}

/** The dashboard's figures; money in fen. */
export interface Dashboard {
  range: DateRange
  /** On file when `from` began. */
  onFileAtStart: number
  /** On file when `to` ended ("now" for a range ending today). */
  onFileNow: number
  /** On file at the end of each month of the range (the last point is `to`). */
  onFileSeries: { date: CalendarDate; count: number }[]
  /** Filings and refilings dated in the range. */
  filedInPeriod: number
  deregisteredInPeriod: number
  /** Every application's current status (not limited to the range). */
  applicationsByStatus: Record<ApplicationStatus, number>
  /** Net fen paid in the range (by `paidOn`), per source and in total. */
  fundsBySource: Record<FundSource, number>
  fundsTotalFen: number
  /** Payments in the range that are not reversed (see `personTimes`). */
  personTimes: number
  /** Households with at least one such payment. */
  householdsAided: number
  /** Stations not closed, by kind. */
  stationsByKind: Record<StationKind, number>
  /** The latest campaign overlapping the range, and its progress. */
  campaign: { campaign: Campaign; progress: CampaignProgress } | null
  /** Households on file at the end of `to` without contact for too long, longest first. */
  overdueContacts: OverdueContact[]
}

const inRange = (date: CalendarDate, r: DateRange) => date >= r.from && date <= r.to

function countBy<K extends string>(keys: readonly K[], items: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  for (const k of items) out[k] += 1
  return out
}

function onFileAt(households: readonly DashboardHousehold[], beforeMs: number): number {
  return households.filter((h) => householdStatusAt(h.history, beforeMs) === 'filed').length
}

/** The campaign the dashboard shows: the latest (by start, then id) of those overlapping the range. */
export function latestCampaign(campaigns: readonly Campaign[], range: DateRange): Campaign | null {
  const overlapping = campaigns.filter((c) => c.startsOn <= range.to && c.endsOn >= range.from)
  overlapping.sort((a, b) => (a.startsOn === b.startsOn ? a.id.localeCompare(b.id) : a.startsOn.localeCompare(b.startsOn)))
  return overlapping.at(-1) ?? null
}

function overdueContacts(data: DashboardData, to: CalendarDate): OverdueContact[] {
  const endMs = shanghaiDayEndMs(to)
  const out: OverdueContact[] = []
  const contactsOf = new Map<string, Pick<ContactEntry, 'householdId' | 'on'>[]>()
  for (const c of data.contacts) {
    const list = contactsOf.get(c.householdId)
    if (list) list.push(c)
    else contactsOf.set(c.householdId, [c])
  }
  for (const h of data.households) {
    if (householdStatusAt(h.history, endMs) !== 'filed') continue
    const filedOn = lastFiledOn(h.history.filter((e) => Date.parse(e.at) < endMs))!
    const due = contactDue(contactsOf.get(h.id) ?? [], filedOn, to, data.contactOverdueDays)
    if (due.overdue) out.push({ householdId: h.id, unitId: h.unitId, lastContactOn: due.lastContactOn, daysSince: due.daysSince })
  }
  return out.sort((a, b) => b.daysSince - a.daysSince || a.householdId.localeCompare(b.householdId))
}

/** Every figure of the dashboard for `range`. */
export function computeDashboard(data: DashboardData, range: DateRange): Dashboard {
  const { households } = data
  const events = households.flatMap((h) => h.history)
  // Only approved entries are money paid: pending and rejected ones count nowhere.
  const approved = data.disbursements.filter(counts)
  const paidInRange = approved.filter((e) => inRange(e.paidOn, range))
  const totals = totalsBySource(paidInRange)
  const reversed = new Set(approved.map((e) => e.reversesId).filter((id): id is string => id !== null))
  const aided = paidInRange.filter((e) => e.kind === 'payment' && !reversed.has(e.id))
  const campaign = latestCampaign(data.campaigns, range)
  return {
    range,
    onFileAtStart: onFileAt(households, shanghaiDayStartMs(range.from)),
    onFileNow: onFileAt(households, shanghaiDayEndMs(range.to)),
    onFileSeries: monthEndsBetween(range.from, range.to).map((date) => ({ date, count: onFileAt(households, shanghaiDayEndMs(date)) })),
    filedInPeriod: events.filter((e) => (e.kind === 'filed' || e.kind === 'refiled') && inRange(shanghaiDateOf(e.at), range)).length,
    deregisteredInPeriod: events.filter((e) => e.kind === 'deregistered' && inRange(shanghaiDateOf(e.at), range)).length,
    applicationsByStatus: countBy(APPLICATION_STATUSES, data.applications.map((a) => a.status)),
    fundsBySource: totals.bySource,
    fundsTotalFen: totals.totalFen,
    personTimes: aided.length,
    householdsAided: new Set(aided.map((e) => e.householdId)).size,
    stationsByKind: countBy(STATION_KIND_CODES, data.stations.filter((s) => s.status !== 'closed').map((s) => s.kind)),
    campaign: campaign
      ? { campaign, progress: campaignProgress(data.checkRecords.filter((r) => r.campaignId === campaign.id), campaignScope(campaign, households)) }
      : null,
    overdueContacts: overdueContacts(data, range.to),
  }
}
