import type { ApplicationStatus } from './application-status'
import type { HardshipCauseCode } from './hardship-causes'

/** One entry of an application's timeline. */
export interface TimelineEntry {
  /** ISO-8601 UTC. */
  at: string
  status: ApplicationStatus
  /** Short note shown to the worker, e.g. why it was returned. */
  note?: string
}

/** An application as the applicant sees it: sensitive values masked. */
export interface ApplicationView {
  id: string
  number: string
  status: ApplicationStatus
  version: number
  name: string
  idNumberMasked: string
  phoneMasked: string
  employer: string
  mainCause: HardshipCauseCode
  createdAt: string
  updatedAt: string
  timeline: TimelineEntry[]
}

/** A line of "我的申请". */
export interface ApplicationSummary {
  id: string
  number: string
  status: ApplicationStatus
  mainCause: HardshipCauseCode
  createdAt: string
  updatedAt: string
}

/** `MLS-2026-000123`: the union's prefix, the year and a per-year sequence. */
export function formatApplicationNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`
}
