import type { ApplicationStatus } from './application-status'
import type { CallOutcome } from './assisted'
import type { HardshipCategory } from './hardship-categories'
import type { HardshipAssessment, SelfCheckFigures } from './self-check'
import { addWorkingDays, shanghaiDateOf, shanghaiDayEndMs } from './calendar'

/**
 * The union's review of an application (domain.md "Review process"): screening, home visit,
 * finance check, public notice (公示), approval and filing. Each decision appends one entry to the
 * application's review record; the latest entry of a kind is the current one.
 */

/** The stages a caseworker's queue shows, in the order a case passes them. */
export const QUEUE_STAGES = ['submitted', 'screening', 'visiting', 'verifying', 'publicizing'] as const satisfies readonly ApplicationStatus[]
export type QueueStage = (typeof QUEUE_STAGES)[number]

export const QUEUE_STAGE_LABELS: Record<QueueStage, string> = {
  submitted: '待初审',
  screening: '初审中',
  visiting: '入户调查',
  verifying: '民政核对',
  publicizing: '公示中',
}

/** 六清: the six items a home visit (and the yearly 户户清 check) confirms per household. */
export const SIX_ITEMS = [
  { code: 'household', label: '家庭基本情况' },
  { code: 'policies-funds', label: '已享受政策和资金' },
  { code: 'difficulties', label: '当前存在困难' },
  { code: 'measures', label: '后续帮扶措施' },
  { code: 'effect', label: '帮扶措施成效' },
  { code: 'pairing', label: '结对帮扶记录' },
] as const
export type SixItem = (typeof SIX_ITEMS)[number]['code']
export const SIX_ITEM_CODES = SIX_ITEMS.map((i) => i.code) as [SixItem, ...SixItem[]]

/** Why an application is not approved, at any stage. */
export const REJECTION_REASONS = [
  { code: 'income-above-line', label: '家庭收入高于认定标准' },
  { code: 'excluded-assets', label: '存在排除情形（多套住房、经营实体等）' },
  { code: 'false-information', label: '提供的信息或材料不实' },
  { code: 'not-in-jurisdiction', label: '不属于本工会受理范围' },
  { code: 'unreachable', label: '多次联系不上申请人' },
  { code: 'other', label: '其他原因' },
] as const
export type RejectionReason = (typeof REJECTION_REASONS)[number]['code']
export const REJECTION_REASON_CODES = REJECTION_REASONS.map((r) => r.code) as [RejectionReason, ...RejectionReason[]]
export const rejectionReasonLabel = (code: string) => REJECTION_REASONS.find((r) => r.code === code)?.label ?? code

/** The result of the civil-affairs household-finance check (民政核对). */
export const FINANCE_RESULTS = [
  { code: 'confirmed', label: '核对一致' },
  { code: 'differs', label: '核对不一致' },
] as const
export type FinanceResult = (typeof FINANCE_RESULTS)[number]['code']

/** The household figures the finance check verified, fen and persons. */
export interface VerifiedFigures {
  householdSize: number
  annualIncomeFen: number
  rigidExpensesFen: number
}

interface EntryBase {
  id: string
  /** ISO-8601 UTC. */
  at: string
  /** The staff member's openid, or `system` for the timer. */
  by: string
  byName: string
}

/** One decision or record of the review, in the order they were made. */
export type ReviewEntry = EntryBase &
  (
    | { kind: 'screening-started' }
    | { kind: 'accepted'; note: string }
    | {
        kind: 'resubmitted'
        /** Field paths changed from the returned version (the case page shows them field by field). */
        changedFields: string[]
        /** Which submission it made (index into the record's submissions). */
        submission: number
      }
    | { kind: 'returned'; fieldsToFix: string[]; reason: string }
    | { kind: 'rejected'; stage: ApplicationStatus; reasonCode: RejectionReason; text: string }
    | {
        kind: 'visit'
        /** `YYYY-MM-DD`, Asia/Shanghai. */
        date: string
        staffPresent: string[]
        place: string
        findings: Record<SixItem, string>
        photoIds: string[]
        authorizationCollected: true
        /** When it was filled on the phone, if it was sent later (an offline visit). */
        capturedAt?: string
      }
    | { kind: 'call'; outcome: CallOutcome; note: string }
    | { kind: 'finance'; result: FinanceResult; verified: VerifiedFigures | null; note: string }
    | { kind: 'notice-started'; days: number; endsAt: string; /** The category the notice shows (from the figures at its start). */ category: HardshipCategory | null }
    | { kind: 'objection'; text: string }
    | { kind: 'notice-ended' }
    | { kind: 'filed'; category: Exclude<HardshipCategory, 'not-eligible'>; computed: HardshipAssessment | null; note: string; householdId: string }
  )

export type ReviewEntryKind = ReviewEntry['kind']

/** An entry without its author's openid, as the pages see it; the rules below take either. */
export type ReviewEntryView = ReviewEntry extends infer E ? (E extends unknown ? Omit<E, 'by'> : never) : never

/** The latest entry of a kind, or null. */
export function latestEntry<E extends ReviewEntryView, K extends ReviewEntryKind>(entries: readonly E[], kind: K): Extract<E, { kind: K }> | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].kind === kind) return entries[i] as Extract<E, { kind: K }>
  }
  return null
}

/** Where the public notice stands at `now`. */
export interface NoticeState {
  /** A notice started and no objection since. */
  running: boolean
  endsAt: string | null
  /** The period is over without objection (by the timer's entry, or simply by the time). */
  ended: boolean
  /** The timer already wrote the end. */
  endRecorded: boolean
}

export function noticeState(entries: readonly ReviewEntryView[], now: Date): NoticeState {
  let start = -1
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].kind === 'notice-started') {
      start = i
      break
    }
  }
  if (start < 0) return { running: false, endsAt: null, ended: false, endRecorded: false }
  const after = entries.slice(start + 1)
  const started = entries[start] as Extract<ReviewEntryView, { kind: 'notice-started' }>
  if (after.some((e) => e.kind === 'objection')) return { running: false, endsAt: started.endsAt, ended: false, endRecorded: false }
  const endRecorded = after.some((e) => e.kind === 'notice-ended')
  const ended = endRecorded || now.getTime() >= Date.parse(started.endsAt)
  return { running: !ended, endsAt: started.endsAt, ended, endRecorded }
}

/** Whether a finance check was recorded after the latest visit (the notice may start). */
export function financeCheckedSinceVisit(entries: readonly ReviewEntryView[]): boolean {
  let sawFinance = false
  for (let i = entries.length - 1; i >= 0; i--) {
    const k = entries[i].kind
    if (k === 'finance') sawFinance = true
    if (k === 'visit' || k === 'objection') return sawFinance
  }
  return sawFinance
}

/**
 * The figures the category is computed from at filing: the finance check's verified ones where it
 * differed, else the worker's own from the form.
 */
export function filingFigures(form: SelfCheckFigures, finance: Extract<ReviewEntryView, { kind: 'finance' }> | null): SelfCheckFigures {
  if (!finance || finance.result !== 'differs' || !finance.verified) return form
  const v = finance.verified
  return {
    ...form,
    householdSize: v.householdSize,
    annualIncome: v.annualIncomeFen,
    medicalExpenses: v.rigidExpensesFen,
    schoolingExpenses: 0,
    otherRigidExpenses: 0,
  }
}

/**
 * The deadline of a stage entered at `enteredAt` with `days` working days allowed (what the worker
 * is told: 5个工作日): the end of the last of them in Asia/Shanghai; null when the stage has none.
 */
export function stageDueAt(enteredAt: Date, days: number | undefined): string | null {
  if (days === undefined || days <= 0) return null
  return new Date(shanghaiDayEndMs(addWorkingDays(shanghaiDateOf(enteredAt), days)) - 1).toISOString()
}

/** The end of a notice of `days` days started at `startedAt`. */
export function noticeEndsAt(startedAt: Date, days: number): string {
  return new Date(startedAt.getTime() + days * 86_400_000).toISOString()
}
