import * as v from 'valibot'
import { ApplicationFormSchema } from '../application-form'
import type { ApplicationStatus } from '../application-status'
import type { ApplicationSummary, ApplicationView, DraftView } from '../application'
import { RELATION_CODES } from '../assisted'
import { ConsentSchema } from '../consent'
import { DOCUMENT_KIND_CODES, type DocumentKind, type DocumentView } from '../documents'
import { FormValuesSchema } from '../form-values'
import { SelfCheckSchema, type HardshipAssessment } from '../self-check'
import { ANYONE, returns, type FunctionContract } from './define'
import { FileNameSchema } from '../file-name'

/** A page of results. */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export const PageInputSchema = v.strictObject({
  page: v.optional(v.pipe(v.number('页码应为数字'), v.integer('页码应为整数'), v.minValue(1, '页码从1开始')), 1),
  pageSize: v.optional(
    v.pipe(v.number('每页条数应为数字'), v.integer('每页条数应为整数'), v.minValue(1, '每页至少1条'), v.maxValue(50, '每页最多50条')),
    20,
  ),
})

/** A page of a list read by cursor: its items, how many the list holds, and where the next page starts (null: no more). */
export interface CursorPage<T> {
  items: T[]
  total: number
  pageSize: number
  /** Pass as `cursor` for the next page; opaque to the client. */
  nextCursor: string | null
}

const CURSOR_PROBLEM = '翻页位置不正确，请回到第一页重新加载'

/** A list read by cursor (deep pages cost what the first does): the page size and the `nextCursor` of the page before (absent: the first page). */
export const CursorInputSchema = v.strictObject({
  pageSize: PageInputSchema.entries.pageSize,
  cursor: v.optional(v.pipe(v.string(CURSOR_PROBLEM), v.maxLength(400, CURSOR_PROBLEM), v.regex(/^[A-Za-z0-9_-]*$/, CURSOR_PROBLEM))),
})

const idText = (missing: string) => v.pipe(v.string(missing), v.nonEmpty(missing), v.maxLength(64, missing.replace('缺少', '') + '不正确'))

/** 代为申请: the assisted application a caseworker is typing (absent: the caller's own). */
const AssistedSchema = v.optional(idText('缺少代为申请编号'))

/** A relative typing the form for a worker: who they are to them and their name. */
export const RelativeSchema = v.strictObject({
  relation: v.picklist(RELATION_CODES, '请选择您与职工的关系'),
  name: v.pipe(v.string('请填写代填人姓名'), v.trim(), v.minLength(2, '请填写代填人姓名'), v.maxLength(20, '代填人姓名不能超过20个字')),
})

export const IdInputSchema = v.strictObject({ id: idText('缺少申请编号') })

const VersionSchema = v.pipe(v.number('版本应为数字'), v.integer('版本应为整数'), v.minValue(1, '版本不正确'))

/** The steps of the form, in order; a draft remembers the one the worker was on. */
export const FORM_STEPS = ['consent', 'applicant', 'members', 'finances', 'causes', 'bank', 'documents', 'review'] as const
export type FormStep = (typeof FORM_STEPS)[number]

/** A submission: the whole form and the consent it was filled under. */
export const SubmitInputSchema = v.strictObject({ form: ApplicationFormSchema, consent: ConsentSchema, assisted: AssistedSchema })


/** What a file being attached is: the application, the kind of document and the file's own name. */
export const DocumentMetaSchema = v.strictObject({
  applicationId: idText('缺少申请编号'),
  kind: v.picklist(DOCUMENT_KIND_CODES, '请选择材料类型'),
  fileName: FileNameSchema,
  assisted: AssistedSchema,
})

/** The `applicant` function: what a worker does with their own applications. Input schemas per action. */
export const applicantActions = {
  selfCheck: { input: SelfCheckSchema, output: returns<SelfCheckResult>(), roles: ANYONE },
  /**
   * The union tree a level at a time, to choose one's union: without input the top of the tree
   * and its first level; `parentId` the children of a unit; `unitId` the level holding a chosen
   * unit (to reopen the choice where it was made, and to name it).
   */
  units: {
    input: v.pipe(
      v.strictObject({ parentId: v.optional(idText('缺少上级工会')), unitId: v.optional(idText('缺少所选工会')) }),
      v.check((i) => !(i.parentId && i.unitId), '上级工会和所选工会只能填一个'),
    ),
    output: returns<UnitLevel>(),
    roles: ANYONE,
  },
  getDraft: { input: v.strictObject({ assisted: AssistedSchema }), output: returns<{ draft: DraftView | null }>(), roles: ANYONE },
  saveDraft: {
    input: v.strictObject({
      values: FormValuesSchema,
      step: v.picklist(FORM_STEPS, '填写步骤不正确'),
      consent: v.optional(ConsentSchema),
      assisted: AssistedSchema,
      /** A relative typing it for the worker (null: the worker themselves). */
      relative: v.optional(v.nullable(RelativeSchema)),
    }),
    output: returns<{ id: string; version: number; savedAt: string }>(),
    roles: ANYONE,
  },
  submit: { input: SubmitInputSchema, output: returns<SubmitResult>(), roles: ANYONE },
  resubmit: {
    input: v.strictObject({ id: idText('缺少申请编号'), expectedVersion: VersionSchema, form: ApplicationFormSchema, consent: ConsentSchema }),
    output: returns<SubmitResult>(),
    roles: ANYONE,
  },
  withdraw: {
    input: v.strictObject({ id: idText('缺少申请编号'), expectedVersion: VersionSchema }),
    output: returns<{ id: string; status: ApplicationStatus; version: number }>(),
    roles: ANYONE,
  },
  listMine: { input: PageInputSchema, output: returns<Page<ApplicationSummary>>(), roles: ANYONE },
  getMine: { input: IdInputSchema, output: returns<ApplicationView>(), roles: ANYONE },
  /** WeChat: where to upload a file with wx.cloud.uploadFile before registering it. */
  prepareUpload: { input: DocumentMetaSchema, output: returns<{ cloudPath: string }>(), roles: ANYONE },
  /** WeChat: attaches a file uploaded to CloudBase storage (the local server takes the bytes at /api/upload). */
  registerDocument: {
    input: v.strictObject({
      applicationId: idText('缺少申请编号'),
      kind: v.picklist(DOCUMENT_KIND_CODES, '请选择材料类型'),
      fileName: FileNameSchema,
      fileId: v.pipe(v.string('缺少文件'), v.nonEmpty('缺少文件'), v.maxLength(300, '文件不正确')),
      assisted: AssistedSchema,
    }),
    output: returns<DocumentView>(),
    roles: ANYONE,
  },
  removeDocument: {
    input: v.strictObject({ applicationId: idText('缺少申请编号'), documentId: idText('缺少材料编号'), assisted: AssistedSchema }),
    output: returns<{ removed: boolean }>(),
    roles: ANYONE,
  },
  /** A worker takes an application typed for them into their own WeChat with the code on their paper. */
  takeOver: {
    input: v.strictObject({ code: v.pipe(v.string('请输入认领码'), v.trim(), v.nonEmpty('请输入认领码'), v.maxLength(20, '认领码不正确')) }),
    output: returns<{ id: string; number: string }>(),
    roles: ANYONE,
  },
} as const satisfies FunctionContract

export interface SubmitResult {
  id: string
  number: string
  status: ApplicationStatus
  version: number
}

export interface SelfCheckResult {
  assessment: HardshipAssessment
  documents: { kind: DocumentKind; why: string }[]
  /** The union whose policy the estimate used. */
  policyUnitName: string
}

export interface UnitChoice {
  id: string
  name: string
  /** Whether units lie below it: the picker offers to go down a level. */
  hasChildren: boolean
}

/** One level of the union tree to choose from. */
export interface UnitLevel {
  items: UnitChoice[]
  /** The way down from the top to this level's parent (empty at the top level): a breadcrumb. */
  trail: { id: string; name: string }[]
}
