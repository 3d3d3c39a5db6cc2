import { shanghaiDayStartMs, type CalendarDate } from './calendar'
import { householdStatusAt, type StatusEvent } from './household'
import type { DeregistrationReason, DifficultyGroup } from './household-codes'
import { SIX_ITEM_CODES, type SixItem } from './review'

/**
 * 户户清: the yearly campaign that verifies every filed household in scope against the six items
 * (六清, `SIX_ITEMS` in `./review`), then keeps it on file with its remaining difficulties and a
 * task for each, or proposes deregistration (which a reviewer then decides on the household).
 */

/** Whether checks may still be recorded. */
export const CAMPAIGN_STATUSES = [
  { code: 'open', label: '进行中' },
  { code: 'closed', label: '已结束' },
] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]['code']

/** A campaign an admin opened for a period and a set of units (each with its subtree). */
export interface Campaign {
  id: string
  name: string
  startsOn: CalendarDate
  endsOn: CalendarDate
  unitIds: string[]
  status: CampaignStatus
  createdAt: string
  createdBy: string
  createdByName: string
  version: number
}

/** One item of the checklist as a caseworker confirmed it. */
export interface ItemCheck {
  confirmed: boolean
  /** Confirmed and different from the file (有变化): the note says how, `evidenceIds` show it. Absent on none since migration 43 / 015. */
  changed?: boolean
  note: string
  evidenceIds: string[]
  /** ISO-8601 UTC. */
  at: string
  by: string
  byName: string
  /** When it was filled in on the phone, if it was kept offline and sent later. */
  capturedAt?: string
}

/** A difficulty a kept household still has, and the task that answers it. */
export interface KeptDifficulty {
  group: DifficultyGroup
  task: string
}

/**
 * What the check concluded. A kept household has at least one difficulty with a task: a household
 * with none left is out of hardship and should be proposed for deregistration instead.
 */
export type CheckOutcome =
  | { kind: 'keep'; difficulties: KeptDifficulty[] }
  | { kind: 'propose-deregistration'; reason: DeregistrationReason; text: string; evidenceIds: string[] }

/** One household's check in one campaign. */
export interface CheckRecord {
  id: string
  campaignId: string
  householdId: string
  unitId: string
  items: Partial<Record<SixItem, ItemCheck>>
  outcome: CheckOutcome | null
  outcomeAt: string | null
  outcomeBy: string | null
  updatedAt: string
  version: number
}

/** Whether all six items are confirmed. */
export function checkComplete(record: Pick<CheckRecord, 'items'>): boolean {
  return SIX_ITEM_CODES.every((c) => record.items[c]?.confirmed === true)
}

/** Why an item cannot be confirmed now, or null. */
export function confirmItemProblem(campaign: Campaign, record: CheckRecord | null): string | null {
  if (campaign.status !== 'open') return '该户户清活动已结束'
  return record?.outcome ? '已确定核查结论，不能再修改六清核查' : null
}

/** Why the outcome cannot be set now, or null. */
export function outcomeProblem(campaign: Campaign, record: CheckRecord | null): string | null {
  if (campaign.status !== 'open') return '该户户清活动已结束'
  if (!record || !checkComplete(record)) return '请先逐项确认六清后再确定核查结论'
  return record.outcome ? '已确定核查结论' : null
}

/** The record with one item (re)confirmed; the input record is left as it was. */
export function withItem(record: CheckRecord, item: SixItem, check: ItemCheck): CheckRecord {
  return { ...record, items: { ...record.items, [item]: check }, updatedAt: check.at }
}

/** A household as the scope needs it: its units from the root down and its history. */
export interface ScopedHousehold {
  id: string
  /** Root first, ending with the household's own unit (an OrgUnit's `path`). */
  unitPath: readonly string[]
  history: readonly StatusEvent[]
}

/**
 * When a campaign's scope is taken: the beginning of `startsOn` (Asia/Shanghai), or its launch when
 * it was launched later that day or after (a household deregistered before the launch is not in it).
 */
export function scopeMomentMs(campaign: Pick<Campaign, 'startsOn'> & { createdAt?: string }): number {
  const start = shanghaiDayStartMs(campaign.startsOn)
  const created = campaign.createdAt ? Date.parse(campaign.createdAt) : Number.NaN
  return Number.isNaN(created) ? start : Math.max(start, created)
}

/**
 * The households a campaign covers, by scope unit: those on file when it starts (scopeMomentMs)
 * under one of its units. A household under two nested scope units counts under the deeper one.
 */
export function campaignScope(campaign: Pick<Campaign, 'startsOn' | 'unitIds'> & { createdAt?: string }, households: readonly ScopedHousehold[]): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(campaign.unitIds.map((u) => [u, []]))
  const startMs = scopeMomentMs(campaign)
  for (const h of households) {
    const unit = [...h.unitPath].reverse().find((u) => u in out)
    if (unit && householdStatusAt(h.history, startMs) === 'filed') out[unit].push(h.id)
  }
  return out
}

/** A unit's progress: households in scope, checked (all six confirmed), and the outcomes. */
export interface UnitProgress {
  inScope: number
  checked: number
  kept: number
  proposedDeregistration: number
}

/** Progress per scope unit, and over all of them. */
export interface CampaignProgress {
  byUnit: Record<string, UnitProgress>
  total: UnitProgress
}

/** Progress per scope unit and in total; records of households outside the scope are not counted. */
export function campaignProgress(records: readonly CheckRecord[], householdsInScopeByUnit: Record<string, readonly string[]>): CampaignProgress {
  const recordOf = new Map(records.map((r) => [r.householdId, r]))
  const total: UnitProgress = { inScope: 0, checked: 0, kept: 0, proposedDeregistration: 0 }
  const byUnit: Record<string, UnitProgress> = {}
  for (const [unit, ids] of Object.entries(householdsInScopeByUnit)) {
    const p: UnitProgress = { inScope: ids.length, checked: 0, kept: 0, proposedDeregistration: 0 }
    for (const id of ids) {
      const r = recordOf.get(id)
      if (!r) continue
      if (checkComplete(r)) p.checked++
      if (r.outcome?.kind === 'keep') p.kept++
      if (r.outcome?.kind === 'propose-deregistration') p.proposedDeregistration++
    }
    byUnit[unit] = p
    for (const k of Object.keys(total) as (keyof UnitProgress)[]) total[k] += p[k]
  }
  return { byUnit, total }
}
