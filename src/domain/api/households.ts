import * as v from 'valibot'
import type { CalendarDate } from '../calendar'
import type { Campaign, CampaignProgress, CheckRecord } from '../campaign'
import { CheckOutcomeSchema, CloseCampaignSchema, ConfirmItemSchema, OpenCampaignSchema } from '../campaign-schemas'
import type { Dashboard } from '../dashboard'
import type { AidLevel } from '../station-codes'
import type { ContactEntry, FiledCategory, HouseholdEvent, Measure, PairedCadre } from '../household'
import type { HouseholdStatus } from '../household-codes'
import {
  AssignCadreSchema,
  ContactInputSchema,
  DecideDeregistrationSchema,
  MeasureInputSchema,
  MeasureUpdateSchema,
  ProposeDeregistrationSchema,
  RemoveCadreSchema,
} from '../household-schemas'
import type { FileRow, OnFile } from '../field-rows'
import type { MEMBER_FIELDS } from '../form-fields'
import type { FundSource } from '../household-codes'
import { dateText, idText } from '../schema-parts'
import { FileNameSchema } from '../file-name'
import type { DocumentLink } from './review'
import { CursorInputSchema, PageInputSchema, type CursorPage, type Page } from './applicant'
import { CASE_STAFF, STAFF, returns, type FunctionContract } from './define'
import { ledgerActions, type LedgerLine } from './households-ledger'

export type { BudgetsView, BudgetView, LedgerLine, PendingEntry, PendingLedgerPage } from './households-ledger'

const HouseholdIdInput = v.strictObject({ householdId: idText('家庭编号') })
const FormatSchema = v.picklist(['csv', 'xlsx'], '请选择文件格式')

/**
 * The `households` function: the filed households of the caller's jurisdiction, their aid ledger,
 * the paired cadres' contact log, the yearly 户户清 campaign, deregistration, the dashboard and
 * exports. Staff only; each use case checks the jurisdiction and the role of each action.
 */
export const householdsActions = {
  /** Households of the jurisdiction (or a unit's subtree), by file number; search by file number or head's full name. */
  list: {
    input: v.strictObject({
      ...CursorInputSchema.entries,
      status: v.optional(v.picklist(['filed', 'deregistered'], '状态不正确')),
      unitId: v.optional(idText('单位')),
      search: v.optional(v.pipe(v.string('搜索内容应为文本'), v.trim(), v.maxLength(30, '搜索内容不能超过30个字'))),
      /** Only households whose cadre has not been in touch for too long. */
      overdueOnly: v.optional(v.boolean('应为是或否'), false),
    }),
    output: returns<CursorPage<HouseholdItem>>(),
    roles: STAFF,
  },
  get: { input: HouseholdIdInput, output: returns<HouseholdView>(), roles: STAFF },
  addMeasure: { input: MeasureInputSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  updateMeasure: { input: MeasureUpdateSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  ...ledgerActions,
  addContact: { input: ContactInputSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  assignCadre: { input: AssignCadreSchema, output: returns<HouseholdView>(), roles: ['reviewer', 'admin'] },
  removeCadre: { input: RemoveCadreSchema, output: returns<HouseholdView>(), roles: ['reviewer', 'admin'] },
  proposeDeregistration: { input: ProposeDeregistrationSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  decideDeregistration: { input: DecideDeregistrationSchema, output: returns<HouseholdView>(), roles: ['reviewer'] },
  /**
   * Staff of the jurisdiction who may be paired with a household, for pickers; with a household,
   * the staff whose jurisdiction covers it (the ones its cadre check accepts).
   */
  staffChoices: {
    input: v.strictObject({
      role: v.optional(v.picklist(['caseworker', 'reviewer'], '角色不正确')),
      householdId: v.optional(idText('家庭编号')),
    }),
    output: returns<{ items: StaffChoice[] }>(),
    roles: STAFF,
  },
  campaigns: { input: v.strictObject({ ...CursorInputSchema.entries }), output: returns<CursorPage<CampaignItem>>(), roles: STAFF },
  openCampaign: { input: OpenCampaignSchema, output: returns<Campaign>(), roles: ['admin'] },
  closeCampaign: { input: CloseCampaignSchema, output: returns<Campaign>(), roles: ['admin'] },
  /** A campaign with its progress per unit and a page of its households with their check state. */
  campaign: {
    input: v.strictObject({
      ...PageInputSchema.entries,
      campaignId: idText('活动编号'),
      /** Only households whose check is not finished. */
      pendingOnly: v.optional(v.boolean('应为是或否'), false),
    }),
    output: returns<CampaignView>(),
    roles: STAFF,
  },
  check: { input: v.strictObject({ campaignId: idText('活动编号'), householdId: idText('家庭编号') }), output: returns<CheckView>(), roles: STAFF },
  /** The campaign's households still to check in the caller's jurisdiction, a few, to keep on the phone for checks without signal. */
  checkPack: { input: v.strictObject({ campaignId: idText('活动编号') }), output: returns<CheckPack>(), roles: STAFF },
  confirmItem: { input: ConfirmItemSchema, output: returns<CheckView>(), roles: CASE_STAFF },
  setOutcome: { input: CheckOutcomeSchema, output: returns<CheckView>(), roles: CASE_STAFF },
  /** WeChat: where to upload an evidence photo of a household (a 有变化 item, a deregistration proposal) before registering it; locally `/api/upload?purpose=evidence`. */
  prepareEvidenceUpload: { input: v.strictObject({ householdId: idText('家庭编号'), fileName: FileNameSchema }), output: returns<{ cloudPath: string }>(), roles: CASE_STAFF },
  /** WeChat: registers the photo uploaded to the path handed out, after its bytes are read back and checked. */
  registerEvidence: {
    input: v.strictObject({
      householdId: idText('家庭编号'),
      fileName: FileNameSchema,
      fileId: v.pipe(v.string('缺少文件'), v.nonEmpty('缺少文件'), v.maxLength(300, '文件不正确')),
    }),
    output: returns<EvidenceView>(),
    roles: CASE_STAFF,
  },
  /** An evidence photo of a household of the jurisdiction: a link of a few minutes; every view is audited. */
  viewEvidence: { input: v.strictObject({ householdId: idText('家庭编号'), evidenceId: idText('照片编号') }), output: returns<DocumentLink>(), roles: STAFF },
  dashboard: {
    input: v.strictObject({ from: dateText('开始日期'), to: dateText('结束日期'), unitId: v.optional(idText('单位')) }),
    output: returns<DashboardView>(),
    roles: STAFF,
  },
  /**
   * Households in the national file form's column order, or the ledger, as a link that ends within
   * minutes. Masked, unless a reviewer asks for the full file (`full`) with a reason, which is audited.
   */
  exportHouseholds: {
    input: v.strictObject({
      format: FormatSchema,
      unitId: v.optional(idText('单位')),
      full: v.optional(v.boolean('应为是或否'), false),
      reason: v.optional(v.pipe(v.string('理由应为文本'), v.trim(), v.maxLength(200, '理由不能超过200个字'))),
    }),
    output: returns<ExportedFile>(),
    roles: STAFF,
  },
  /**
   * Starts the household export as a job (any size): it answers at once with the job, whose parts
   * are then written one after another; `exportStatus` says how far it got and gives the link when
   * the file is ready. The same request id finds the same job. Masked and full as `exportHouseholds`.
   */
  startHouseholdExport: {
    input: v.strictObject({
      format: FormatSchema,
      unitId: v.optional(idText('单位')),
      full: v.optional(v.boolean('应为是或否'), false),
      reason: v.optional(v.pipe(v.string('理由应为文本'), v.trim(), v.maxLength(200, '理由不能超过200个字'))),
    }),
    output: returns<ExportJobView>(),
    roles: STAFF,
  },
  /**
   * Starts the ledger export (帮扶资金台账, the approved entries paid in [from, to]) as a job, as
   * `startHouseholdExport` does; names masked as `exportLedger`. The same request id finds the same job.
   */
  startLedgerExport: {
    input: v.strictObject({ format: FormatSchema, unitId: v.optional(idText('单位')), from: v.optional(dateText('开始日期')), to: v.optional(dateText('结束日期')) }),
    output: returns<ExportJobView>(),
    roles: STAFF,
  },
  /** How far an export job got (已导出 N 户 / 共 M 户), and its file's link once it is ready; only its starter sees it. */
  exportStatus: {
    input: v.strictObject({ jobId: v.pipe(v.string('导出编号应为文本'), v.regex(/^[\w-]{1,64}$/, '导出编号不正确，请重新导出')) }),
    output: returns<ExportJobView>(),
    roles: STAFF,
  },
  exportLedger: {
    input: v.strictObject({ format: FormatSchema, unitId: v.optional(idText('单位')), from: v.optional(dateText('开始日期')), to: v.optional(dateText('结束日期')) }),
    output: returns<ExportedFile>(),
    roles: STAFF,
  },
  /**
   * The phone has a full export (its `receipt`): the file is deleted from the store at once, so
   * its link stops working before its 5 minutes are over; the handover is audited.
   */
  exportReceived: {
    input: v.strictObject({ receipt: v.pipe(v.string('回执应为文本'), v.regex(/^[\w-]{1,64}$/, '回执不正确，请重新导出')) }),
    output: returns<{ removed: boolean }>(),
    roles: STAFF,
  },
} as const satisfies FunctionContract

/** One line of the household list. */
export interface HouseholdItem {
  id: string
  number: string
  /** Masked: 张*明. */
  headNameMasked: string
  unitName: string
  category: FiledCategory
  status: HouseholdStatus
  memberCount: number
  cadres: PairedCadre[]
  filedAt: string
  lastContactOn: CalendarDate | null
  contactOverdue: boolean
  /** A deregistration proposal waits for a reviewer. */
  deregistrationPending: boolean
}


/** The household file page. */
export interface HouseholdView extends HouseholdItem {
  version: number
  /** The family members as the filing application gave them (the registry's `file` fields: names and ID numbers masked); empty when the file has no application. */
  members: OnFile<typeof MEMBER_FIELDS>[]
  /** The filing application's other fields the file shows (the registry's `file` fields, sensitive ones masked); empty when the file has no application. */
  filing: FileRow[]
  /** The application the file was (last) filed from: its revealable values (the family phone) open through the case's audited reveal; null without one. */
  filingApplicationId: string | null
  /** Whether this person may reveal sensitive values (caseworkers and reviewers). */
  mayReveal: boolean
  history: HouseholdEvent[]
  measures: Measure[]
  ledger: LedgerLine[]
  /** Net fen per fund source and in total, of approved entries only. */
  fundsBySource: Record<FundSource, number>
  fundsTotalFen: number
  contacts: ContactEntry[]
  /** What this person may do now (the page shows only these). */
  actions: HouseholdAction[]
}

export const HOUSEHOLD_ACTIONS = [
  'addMeasure',
  'updateMeasure',
  'recordPayment',
  'reversePayment',
  'addContact',
  'assignCadre',
  'removeCadre',
  'proposeDeregistration',
  'decideDeregistration',
] as const
export type HouseholdAction = (typeof HOUSEHOLD_ACTIONS)[number]

export interface StaffChoice {
  openid: string
  name: string
  unitName: string
}

export interface CampaignItem extends Campaign {
  progress: CampaignProgress['total']
}

/** A household in a campaign's list. */
export interface CampaignHousehold {
  householdId: string
  number: string
  headNameMasked: string
  unitName: string
  itemsConfirmed: number
  outcome: CheckRecord['outcome'] extends infer O ? (O extends { kind: infer K } ? K : never) | null : never
}

export interface CampaignView {
  campaign: Campaign
  progress: CampaignProgress
  /** Unit names for the progress table. */
  unitNames: Record<string, string>
  households: Page<CampaignHousehold>
}

/** At most this many households' checks are kept on a phone for checks without signal (by file number). */
export const CHECK_PACK_SIZE = 30

/**
 * A household's check as kept on the caseworker's phone: what the check page shows, masked, with
 * no one's WeChat id (paired cadres and who recorded each item are left out or named only).
 */
export type PackedCheck = Omit<CheckView, 'campaign' | 'mayRecord'>

/** The open campaign's households still to check that the caller may record, by file number; `at`: when the server read them. */
export interface CheckPack {
  campaign: Campaign
  checks: PackedCheck[]
  at: string
}

export interface CheckView {
  campaign: Campaign
  household: HouseholdItem
  record: CheckRecord | null
  /** Whether the caller may record items and the outcome now (open campaign, caseworker of the jurisdiction). */
  mayRecord: boolean
}

/** An exported file in the private file store: a link to it that ends within minutes, with its name. */
export interface ExportedFile {
  fileName: string
  contentType: string
  /** Bytes. */
  size: number
  /** Works until `expiresAt` (a full export's: 5 minutes, and once on the local server). */
  url: string
  /** ISO-8601 UTC. */
  expiresAt: string
  rows: number
  /** Sensitive columns were masked (the caller may not reveal). */
  masked: boolean
  /** A full export's: sent back with `exportReceived` once the phone has the file, which is then deleted at once. */
  receipt?: string
}

/** An export job as its starter's page shows it. */
export interface ExportJobView {
  jobId: string
  /** running: parts are being written; ready: `file` holds the link; failed: `error` says why. */
  state: 'running' | 'ready' | 'failed'
  /** Households (ledger entries) written so far. */
  done: number
  /** Households (ledger entries) of the jurisdiction when it started. */
  total: number
  /** Once ready, until its link ends. */
  file?: ExportedFile
  /** Plain Chinese, when failed or when the link has ended. */
  error?: string
}

/**
 * The dashboard as the page shows it. `units` and `overdueHouseholds` are optional so a server
 * without them still answers: the page then offers no unit filter to non-admins and names overdue
 * households by their unit only.
 */
/** How many overdue households the dashboard lists (longest without contact first); `overdueCount` counts them all. */
export const DASHBOARD_OVERDUE_LISTED = 30

export type DashboardView = Dashboard & {
  /** Households on file at the end of `to` without contact for too long; `overdueContacts` holds the first DASHBOARD_OVERDUE_LISTED of them. */
  overdueCount: number
  /** Aid service stations not closed, by level of the four-level network (市级 to 社区（企业）级), the whole network as `stationsByKind`. */
  aidStationsByLevel: Record<AidLevel, number>
  unitName: string
  /** The units directly under the dashboard's unit, for the unit filter. */
  units: { id: string; name: string }[]
  /** File number, masked name and unit of each household in `overdueContacts`, by household id. */
  overdueHouseholds: Record<string, { number: string; headNameMasked: string; unitName: string }>
}

/** A household's evidence photo as registered: what the check item or the proposal refers to by id. */
export interface EvidenceView {
  id: string
  fileName: string
  contentType: 'image/jpeg' | 'image/png'
  size: number
  uploadedAt: string
}
