import * as v from 'valibot'
import type { ApplicationView } from '../application'
import type { ApplicationStatus } from '../application-status'
import type { DocumentView } from '../documents'
import { isFieldPath, isRevealablePath } from '../form-fields'
import type { HardshipCategory } from '../hardship-categories'
import type { HardshipCauseCode } from '../hardship-causes'
import {
  FINANCE_RESULTS,
  QUEUE_STAGES,
  REJECTION_REASON_CODES,
  SIX_ITEM_CODES,
  type NoticeState,
  type QueueStage,
  type ReviewEntryView,
  type SixItem,
} from '../review'
import type { HardshipAssessment } from '../self-check'
import type { FieldChange } from '../form-changes'
import type { TurnView } from '../turn'
import { CursorInputSchema, type CursorPage } from './applicant'
import { ANYONE, CASE_STAFF, returns, type FunctionContract } from './define'
import { FileNameSchema } from '../file-name'
import { fieldActions, type AssistedDraftList, type AssistedDraftView, type CallTaskView, type TakeoverCode } from './review-field'

export type { AssistedDraftList, AssistedDraftView, CallTaskView, TakeoverCode }

const idText = (missing: string, wrong: string) => v.pipe(v.string(missing), v.nonEmpty(missing), v.maxLength(64, wrong))
const IdSchema = idText('缺少申请编号', '申请编号不正确')
const VersionSchema = v.pipe(v.number('版本应为数字'), v.integer('版本应为整数'), v.minValue(1, '版本不正确'))
const text = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    min > 0 ? v.minLength(min, min === 1 ? `请填写${label}` : `${label}至少${min}个字`) : v.minLength(0),
    v.maxLength(max, `${label}不能超过${max}个字`),
  )
const fen = (label: string) =>
  v.pipe(v.number(`${label}应为数字`), v.integer(`${label}应精确到分`), v.minValue(0, `${label}不能为负数`), v.maxValue(10_000_000_000, `${label}过大`))

/** A decision names the case and the version it was made on. */
const Decision = { id: IdSchema, expectedVersion: VersionSchema }

/** Field paths a caseworker may ask the worker to fix: the form's fields and the documents. */
export const FixableFieldSchema = v.pipe(
  v.string('要修改的项目不正确'),
  v.maxLength(60, '要修改的项目不正确'),
  v.check((p) => p === 'documents' || isFieldPath(p), '要修改的项目不正确'),
)

const DateSchema = v.pipe(v.string('请选择走访日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '走访日期格式应为YYYY-MM-DD'))

const FindingsSchema = v.strictObject(
  Object.fromEntries(SIX_ITEM_CODES.map((c) => [c, text(`核查情况`, 1, 500)])) as Record<SixItem, ReturnType<typeof text>>,
  '请逐项填写六清核查情况',
)

/** A sensitive value a reviewer may reveal: a field the registry marks revealable (ID numbers, phones, the account). */
export const RevealFieldSchema = v.pipe(v.string('请选择要查看的信息'), v.check(isRevealablePath, '不能查看这项信息'))

/** The `review` function: the union's side of a case, for staff within their jurisdiction. */
export const reviewActions = {
  /** A stage's cases in the jurisdiction, overdue first, a page at a time by cursor, and every stage's counts. */
  queue: {
    input: v.strictObject({
      ...CursorInputSchema.entries,
      stage: v.picklist(QUEUE_STAGES, '阶段不正确'),
      /** An application number or an applicant's full name. */
      search: v.optional(v.pipe(v.string('搜索内容应为文本'), v.trim(), v.maxLength(30, '搜索内容不能超过30个字'))),
    }),
    output: returns<QueueResult>(),
    roles: CASE_STAFF,
  },
  getCase: { input: v.strictObject({ id: IdSchema }), output: returns<CaseView>(), roles: CASE_STAFF },
  /** The cases waiting for their home visit, a few, to keep on the caseworker's phone for visits without signal. */
  visitPack: { input: v.strictObject({}), output: returns<VisitPack>(), roles: CASE_STAFF },
  startScreening: { input: v.strictObject({ ...Decision }), output: returns<DecisionResult>(), roles: ['caseworker'] },
  acceptScreening: {
    input: v.strictObject({ ...Decision, note: v.optional(text('初审意见', 0, 200), '') }),
    output: returns<DecisionResult>(),
    roles: ['caseworker'],
  },
  returnToWorker: {
    input: v.strictObject({
      ...Decision,
      fieldsToFix: v.pipe(v.array(FixableFieldSchema, '要修改的项目应为列表'), v.minLength(1, '请至少选择一项需要修改的内容'), v.maxLength(30, '一次最多选择30项')),
      reason: text('退回原因', 2, 200),
    }),
    output: returns<DecisionResult>(),
    roles: ['caseworker'],
  },
  /** Rejects at the current stage: screening and visit by a caseworker, review stages by a reviewer. */
  reject: {
    input: v.pipe(
      v.strictObject({ ...Decision, reasonCode: v.picklist(REJECTION_REASON_CODES, '请选择不予通过的原因'), text: text('说明', 0, 200) }),
      v.forward(
        v.check((i) => i.reasonCode !== 'other' || i.text.length >= 2, '选择“其他原因”时请填写说明'),
        ['text'],
      ),
    ),
    output: returns<DecisionResult>(),
    roles: CASE_STAFF,
  },
  recordVisit: {
    input: v.strictObject({
      ...Decision,
      date: DateSchema,
      staffPresent: v.pipe(
        v.array(text('参与走访人员姓名', 2, 20), '参与走访人员应为列表'),
        v.minLength(2, '入户调查至少需要2名工作人员'),
        v.maxLength(6, '参与走访人员最多6人'),
        v.check((names) => new Set(names).size === names.length, '参与走访人员不能重复'),
      ),
      place: text('走访地点', 2, 100),
      findings: FindingsSchema,
      photoIds: v.optional(v.pipe(v.array(idText('照片编号不正确', '照片编号不正确'), '照片应为列表'), v.maxLength(9, '最多9张照片')), []),
      authorizationCollected: v.literal(true, '请确认已收取申请人签字的家庭经济状况核对授权书'),
      /** When the form was filled on the phone (an offline visit sent later); absent: now. */
      capturedAt: v.optional(v.pipe(v.string('填写时间不正确'), v.isoTimestamp('填写时间不正确'))),
    }),
    output: returns<DecisionResult>(),
    roles: ['caseworker'],
  },
  recordFinanceCheck: {
    input: v.pipe(
      v.strictObject({
        ...Decision,
        result: v.picklist(FINANCE_RESULTS.map((r) => r.code) as ['confirmed', 'differs'], '请选择核对结果'),
        verified: v.optional(
          v.strictObject({
            householdSize: v.pipe(v.number('家庭人口应为数字'), v.integer('家庭人口应为整数'), v.minValue(1, '家庭人口至少为1人'), v.maxValue(20, '家庭人口不能超过20人')),
            annualIncomeFen: fen('核实的家庭年收入'),
            rigidExpensesFen: fen('核实的刚性支出'),
          }),
        ),
        note: v.optional(text('核对说明', 0, 200), ''),
      }),
      v.forward(
        v.check((i) => i.result !== 'differs' || i.verified !== undefined, '核对不一致时请填写核实的家庭人口、年收入和刚性支出'),
        ['verified'],
      ),
    ),
    output: returns<DecisionResult>(),
    roles: ['reviewer'],
  },
  startNotice: { input: v.strictObject({ ...Decision }), output: returns<DecisionResult>(), roles: ['reviewer'] },
  recordObjection: { input: v.strictObject({ ...Decision, text: text('异议内容', 2, 500) }), output: returns<DecisionResult>(), roles: ['reviewer'] },
  approveAndFile: {
    input: v.strictObject({
      ...Decision,
      category: v.picklist(['deep', 'relative', 'accident'], '请选择困难类别'),
      note: v.optional(text('审批意见', 0, 200), ''),
    }),
    output: returns<DecisionResult>(),
    roles: ['reviewer'],
  },
  /** One sensitive value in full; every reveal is audited. */
  reveal: {
    input: v.strictObject({ id: IdSchema, field: RevealFieldSchema }),
    output: returns<{ field: string; value: string }>(),
    roles: CASE_STAFF,
  },
  /** A supporting document or visit photo, for viewing on the case page: a temporary link, made per audited view. */
  viewDocument: {
    input: v.strictObject({ id: IdSchema, documentId: idText('缺少材料编号', '材料编号不正确') }),
    output: returns<DocumentLink>(),
    roles: CASE_STAFF,
  },
  /** WeChat: where to upload a visit photo before registering it (the local server takes the bytes at /api/upload). */
  prepareVisitUpload: {
    input: v.strictObject({ id: IdSchema, fileName: FileNameSchema }),
    output: returns<{ cloudPath: string }>(),
    roles: ['caseworker'],
  },
  registerVisitPhoto: {
    input: v.strictObject({
      id: IdSchema,
      fileName: FileNameSchema,
      fileId: v.pipe(v.string('缺少文件'), v.nonEmpty('缺少文件'), v.maxLength(300, '文件不正确')),
    }),
    output: returns<DocumentView>(),
    roles: ['caseworker'],
  },
  /** 公示: cases under public notice in the caller's union tree (everyone may read it): masked name, unit, category; by cursor. */
  notices: {
    input: v.strictObject({ ...CursorInputSchema.entries, unitId: v.optional(idText('请选择工会', '工会编号不正确')) }),
    output: returns<CursorPage<NoticeItem>>(),
    roles: ANYONE,
  },
  ...fieldActions,
} as const satisfies FunctionContract

/** One line of a queue. */
export interface QueueItem {
  id: string
  number: string
  /** Masked: 张*明. */
  nameMasked: string
  unitName: string
  status: ApplicationStatus
  mainCause: HardshipCauseCode
  /** When the case entered its current stage. */
  enteredAt: string
  dueAt: string | null
  overdue: boolean
  duplicateFlags: number
}

/** At most this many cases are kept on a phone for visits without signal (the ones due first). */
export const VISIT_PACK_SIZE = 30

/**
 * A case waiting for its home visit as kept on the caseworker's phone: only what the visit page
 * shows, masked (no ID number, phone, address or account: a lost phone gives away little).
 */
export interface PackedCase {
  id: string
  number: string
  /** Masked: 张*明. */
  nameMasked: string
  unitName: string
  status: ApplicationStatus
  version: number
  /** How many review records the case had: a visit kept against it is compared with the case when sent. */
  reviewCount: number
  mainCause: HardshipCauseCode
  enteredAt: string
  dueAt: string | null
}

/** The cases of the caseworker's jurisdiction at 入户调查, due first; `at`: when the server read them. */
export interface VisitPack {
  cases: PackedCase[]
  at: string
}

export interface QueueResult extends CursorPage<QueueItem> {
  counts: Record<QueueStage, { total: number; overdue: number }>
}

/** What a staff member may do on a case now (the page shows only these). */
export const CASE_ACTIONS = [
  'startScreening',
  'acceptScreening',
  'returnToWorker',
  'reject',
  'recordVisit',
  'recordFinanceCheck',
  'startNotice',
  'recordObjection',
  'approveAndFile',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

/** A possible duplicate, with the other application's number for the caseworker to open. */
export interface DuplicateFlagView {
  field: string
  as: 'applicant' | 'member'
  otherApplicationId: string
  otherNumber: string
  otherStatus: ApplicationStatus
}

/** A review entry as staff read it: the staff member's name, no openid. */
export type { ReviewEntryView }

/** The case page. */
export interface CaseView {
  application: ApplicationView
  unitName: string
  enteredAt: string
  dueAt: string | null
  overdue: boolean
  duplicateFlags: DuplicateFlagView[]
  review: ReviewEntryView[]
  visitPhotos: DocumentView[]
  notice: NoticeState
  /** The category computed from the verified (or the worker's) figures against the unit's policy; null without a policy or a form. */
  proposed: HardshipAssessment | null
  publicityDays: number
  actions: CaseAction[]
  /** Whether this person may reveal sensitive values. */
  mayReveal: boolean
  householdId: string | null
  /** The case's open 电话联系 task, if any. */
  callTask: { reasons: CallTaskView['reasons']; openedAt: string; attempts: number } | null
  /** Whose turn it is: the stage, who acts next (with names where known) and what they do. */
  turn: TurnView
  /** What each resubmission changed against the returned version, by its review entry's id. */
  changes: Record<string, FieldChange[]>
}

/** A decision's reply: the case as it is now. */
export type DecisionResult = CaseView

/** One line of the public notice (公示). */
export interface NoticeItem {
  number: string
  nameMasked: string
  unitName: string
  category: HardshipCategory | null
  startedAt: string
  endsAt: string
}

/** A document handed to one viewer: a link that works for a few minutes, never the bytes (any allowed size opens). */
export interface DocumentLink {
  contentType: string
  fileName: string
  size: number
  url: string
  /** ISO-8601 UTC: the link stops working then. */
  expiresAt: string
}
