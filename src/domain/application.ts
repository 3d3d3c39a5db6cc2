import type { TypedBy } from './assisted'
import type { ApplicationStatus } from './application-status'
import type { ConsentRecord } from './consent'
import type { DocumentView } from './documents'
import type { Shown } from './field-rows'
import type { APPLICANT_FIELDS, BANK_FIELDS, CAUSE_FIELDS, FINANCE_FIELDS, MEMBER_FIELDS } from './form-fields'
import type { FormValues } from './form-values'
import type { HardshipCauseCode } from './hardship-causes'
import type { HardshipAssessment } from './self-check'

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
  /** The submitted form, sensitive values masked; absent on a draft and on thin-journey records. */
  details?: ApplicationDetails
  documents: DocumentView[]
  assessment?: HardshipAssessment
  /** Field paths to fix when the application was returned (`members.1.idNumber`). */
  fieldsToFix: string[]
  /** How many times it was submitted (a resubmission after a return counts again). */
  submissionCount: number
  /** 代为申请: who typed it, when not the worker. */
  typedBy?: TypedBy
}

/** The submitted form as its applicant (and the case page) sees it again: the registry's revealable fields masked (`idNumberMasked`). */
export interface ApplicationDetails {
  applicant: Shown<typeof APPLICANT_FIELDS> & { birthDate: string; gender: 'male' | 'female'; unitName: string }
  members: Shown<typeof MEMBER_FIELDS>[]
  finances: Shown<typeof FINANCE_FIELDS>
  causes: Shown<typeof CAUSE_FIELDS>
  bank: Shown<typeof BANK_FIELDS>
  description: string
  consent?: ConsentRecord
}

/** The worker's form in progress: a draft, or a returned application being fixed. */
export interface DraftView {
  id: string
  /** 代为申请: who is typing it, when not the worker. */
  typedBy?: TypedBy
  status: ApplicationStatus
  version: number
  /** The number once submitted; absent on a draft. */
  number?: string
  values: FormValues
  /** The step the worker was on. */
  step: string
  consent: ConsentRecord | null
  documents: DocumentView[]
  fieldsToFix: string[]
  /** Why it was returned (the note of the return). */
  returnNote?: string
  savedAt: string
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
