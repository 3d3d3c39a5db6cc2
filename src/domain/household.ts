import type { CalendarDate } from './calendar'
import { daysBetween, shanghaiDateOf } from './calendar'
import type { HardshipCategory } from './hardship-categories'
import type { ContactKind, DeregistrationReason, HouseholdEventKind, HouseholdStatus, MeasureKind, MeasureStatus } from './household-codes'
import type { StaffRole } from './roles'

export * from './household-codes'

/**
 * A filed household (建档立卡困难职工家庭) and its history. Filing an application creates it; it
 * may be deregistered when out of hardship and filed again later. The history is append-only and
 * is the truth: `status` is what replaying it gives, kept on the record for queries.
 */

/** The categories a household is filed under. */
export type FiledCategory = Exclude<HardshipCategory, 'not-eligible'>

/** A cadre paired with the household (结对帮扶干部): a staff member of the jurisdiction. */
export interface PairedCadre {
  openid: string
  name: string
}

/** Who wrote a history entry, and when. */
export interface EventBase {
  id: string
  /** ISO-8601 UTC. */
  at: string
  /** The staff member's openid, or `system`. */
  by: string
  byName: string
}

/** What a history entry says, apart from its id, time and author. */
export type HouseholdEventBody =
  | { kind: 'filed'; applicationId: string | null; category: FiledCategory }
  | { kind: 'cadre-assigned'; cadre: PairedCadre }
  | { kind: 'cadre-removed'; cadreOpenid: string; note: string }
  | { kind: 'category-changed'; from: FiledCategory; to: FiledCategory; note: string }
  | {
      kind: 'deregistration-proposed'
      reason: DeregistrationReason
      /** Required for `other`, optional otherwise. */
      text: string
      evidenceIds: string[]
      /** The 户户清 campaign whose check proposed it, if any. */
      campaignId: string | null
    }
  | { kind: 'deregistration-declined'; note: string }
  | { kind: 'deregistered'; reason: DeregistrationReason; text: string; note: string }
  | { kind: 'refiled'; applicationId: string | null; category: FiledCategory }

/** One entry of a household's history. */
export type HouseholdEvent = EventBase & HouseholdEventBody

/**
 * A household file as the domain sees it (the store adds the encrypted ID number and its hash).
 * Field for field the shape of `HouseholdRecord` in server/ports.ts, with a typed history.
 */
export interface Household {
  id: string
  /** The file number, e.g. `MLS-H-2026-000012`. */
  number: string
  unitId: string
  category: FiledCategory
  status: HouseholdStatus
  /** The applicant's name (lists show it masked). */
  headName: string
  memberCount: number
  /** The applications that filed (and refiled) it, oldest first. */
  applicationIds: string[]
  /** The cadres paired now: `pairedCadres(history)`, kept on the record for queries. */
  cadres: PairedCadre[]
  history: HouseholdEvent[]
  version: number
  filedAt: string
  updatedAt: string
}

/** The part of a history entry that status replay needs: a store may pass just these. */
export type StatusEvent = Pick<HouseholdEvent, 'at' | 'kind'>

/** An aid measure (帮扶措施) planned or carried out for a household. */
export interface Measure {
  id: string
  householdId: string
  kind: MeasureKind
  description: string
  status: MeasureStatus
  /** What it achieved, once known. */
  outcome: string
  createdAt: string
  createdBy: string
  createdByName: string
  updatedAt: string
  version: number
}

/** One entry of the paired cadre's contact log (结对帮扶记录). */
export interface ContactEntry {
  id: string
  householdId: string
  kind: ContactKind
  /** The day of the contact, Asia/Shanghai. */
  on: CalendarDate
  notes: string
  nextStep: string
  by: string
  byName: string
  createdAt: string
}

/** Who may append each kind of history entry. */
export const HOUSEHOLD_EVENT_ROLES: Record<HouseholdEventKind, readonly StaffRole[]> = {
  filed: ['reviewer'],
  'cadre-assigned': ['reviewer', 'admin'],
  'cadre-removed': ['reviewer', 'admin'],
  'category-changed': ['reviewer'],
  'deregistration-proposed': ['caseworker', 'reviewer'],
  'deregistration-declined': ['reviewer'],
  deregistered: ['reviewer'],
  refiled: ['reviewer'],
}

const changesStatus = (e: StatusEvent) => e.kind === 'filed' || e.kind === 'refiled' || e.kind === 'deregistered'

/**
 * The status after the status-changing entries strictly before `beforeMs` (epoch ms); null when
 * the household was not yet filed then. Entries are taken by time, ties by their order.
 */
export function householdStatusAt(history: readonly StatusEvent[], beforeMs: number): HouseholdStatus | null {
  let best: StatusEvent | null = null
  let bestMs = -Infinity
  for (const e of history) {
    const ms = Date.parse(e.at)
    if (!changesStatus(e) || ms >= beforeMs || ms < bestMs) continue
    best = e
    bestMs = ms
  }
  if (!best) return null
  return best.kind === 'deregistered' ? 'deregistered' : 'filed'
}

/** The status now: the last status-changing entry; null for an empty history. */
export function currentHouseholdStatus(history: readonly StatusEvent[]): HouseholdStatus | null {
  return householdStatusAt(history, Infinity)
}

/** The open deregistration proposal (no decision and no refiling after it), or null. */
export function pendingDeregistration(history: readonly HouseholdEvent[]): Extract<HouseholdEvent, { kind: 'deregistration-proposed' }> | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]
    if (e.kind === 'deregistration-proposed') return e
    if (e.kind === 'deregistration-declined' || e.kind === 'deregistered' || e.kind === 'refiled') return null
  }
  return null
}

/** The cadres paired now, in the order they were assigned. */
export function pairedCadres(history: readonly HouseholdEvent[]): PairedCadre[] {
  let out: PairedCadre[] = []
  for (const e of history) {
    if (e.kind === 'cadre-assigned' && !out.some((c) => c.openid === e.cadre.openid)) out = [...out, e.cadre]
    if (e.kind === 'cadre-removed') out = out.filter((c) => c.openid !== e.cadreOpenid)
  }
  return out
}

/** The day the household was last filed (or refiled), Asia/Shanghai; null if never. */
export function lastFiledOn(history: readonly StatusEvent[]): CalendarDate | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]
    if (e.kind === 'filed' || e.kind === 'refiled') return shanghaiDateOf(e.at)
  }
  return null
}

/** The new entry a history cannot take, as the Chinese reason; null when it may be appended. */
export function householdEventProblem(history: readonly HouseholdEvent[], event: HouseholdEvent): string | null {
  const status = currentHouseholdStatus(history)
  const pending = pendingDeregistration(history)
  switch (event.kind) {
    case 'filed':
      return history.length === 0 ? null : '该家庭已建档'
    case 'refiled':
      return status === 'deregistered' ? null : '只有已注销的家庭才能重新建档'
    case 'cadre-assigned':
      if (status !== 'filed') return '只能为在档家庭确定结对帮扶干部'
      return pairedCadres(history).some((c) => c.openid === event.cadre.openid) ? '该干部已与这户家庭结对' : null
    case 'cadre-removed':
      return pairedCadres(history).some((c) => c.openid === event.cadreOpenid) ? null : '该干部未与这户家庭结对'
    case 'category-changed':
      if (status !== 'filed') return '只能调整在档家庭的困难类别'
      return event.from === event.to ? '困难类别没有变化' : null
    case 'deregistration-proposed':
      if (status !== 'filed') return '该家庭不在档，不能提出注销'
      return pending ? '该家庭已有待审批的注销申请' : null
    case 'deregistration-declined':
    case 'deregistered':
      return pending ? null : '该家庭没有待审批的注销申请'
  }
}

/** How long since the household was last in touch with its cadre, as of `today`. */
export interface ContactDue {
  /** The last contact on or before `today`, or null when there was none since filing. */
  lastContactOn: CalendarDate | null
  /** Days since the last contact, or since filing when there was none. */
  daysSince: number
  overdue: boolean
}

/**
 * Whether a household is overdue for a visit or call: more than `overdueDays` days since its last
 * contact, or since it was (last) filed when no contact is recorded after that. Contacts after
 * `today` are ignored.
 */
export function contactDue(contacts: readonly Pick<ContactEntry, 'on'>[], filedOn: CalendarDate, today: CalendarDate, overdueDays: number): ContactDue {
  let last: CalendarDate | null = null
  for (const c of contacts) if (c.on <= today && c.on >= filedOn && (last === null || c.on > last)) last = c.on
  const daysSince = daysBetween(last ?? filedOn, today)
  return { lastContactOn: last, daysSince, overdue: daysSince > overdueDays }
}
