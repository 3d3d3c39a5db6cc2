import * as v from 'valibot'
import { DATE_PATTERN } from '../calendar'
import { STAFF_ROLES, type StaffRole } from '../roles'
import { CursorInputSchema, type CursorPage } from './applicant'
import { returns, type FunctionContract } from './define'

const idText = (missing: string, wrong: string, max = 64) => v.pipe(v.string(missing), v.nonEmpty(missing), v.maxLength(max, wrong))
const UnitIdSchema = idText('请选择单位', '单位编号不正确')
const OpenidSchema = idText('缺少工作人员编号', '工作人员编号不正确')
const requestText = (message: string) => v.pipe(v.string(message), v.trim(), v.minLength(2, message), v.maxLength(500, message))
const VersionSchema = v.pipe(v.number('版本号应为数字'), v.integer('版本号应为整数'), v.minValue(0, '版本号不正确'), v.maxValue(1_000_000, '版本号不正确'))
const UnitNameSchema = v.pipe(v.string('请填写单位名称'), v.trim(), v.minLength(2, '单位名称至少2个字'), v.maxLength(40, '单位名称不能超过40个字'))
const RolesSchema = v.pipe(
  v.array(v.picklist(STAFF_ROLES, '角色不正确'), '角色应为列表'),
  v.minLength(1, '请至少选择一个角色'),
  v.maxLength(STAFF_ROLES.length, '角色不正确'),
  v.check((roles) => new Set(roles).size === roles.length, '角色不能重复'),
)

/** The `admin` function: the union tree, staff invitations and staff roles, for admins within their jurisdiction. */
/** What a person may ask of their data (PIPL art. 45-47): a copy, a correction, deletion, or restricted processing. */
export const PERSON_REQUEST_KINDS = ['copy', 'correct', 'delete', 'restrict'] as const
export type PersonRequestKind = (typeof PERSON_REQUEST_KINDS)[number]

export const adminActions = {
  /** A unit (default: the admin's own) with its children; the admin's jurisdiction only. */
  units: { input: v.strictObject({ unitId: v.optional(UnitIdSchema) }), output: returns<UnitListing>(), roles: ['admin'] },
  createUnit: { input: v.strictObject({ parentId: UnitIdSchema, name: UnitNameSchema }), output: returns<UnitView>(), roles: ['admin'] },
  renameUnit: {
    input: v.strictObject({ unitId: UnitIdSchema, version: VersionSchema, name: UnitNameSchema }),
    output: returns<UnitView>(),
    roles: ['admin'],
  },
  /** Moves the unit and everything below it under another unit of the jurisdiction. */
  moveUnit: {
    input: v.strictObject({ unitId: UnitIdSchema, version: VersionSchema, parentId: UnitIdSchema }),
    output: returns<MovedUnit>(),
    roles: ['admin'],
  },
  /** A one-time code for one person: shown once in the reply, stored only as a keyed hash. */
  createInvitation: {
    input: v.strictObject({
      unitId: UnitIdSchema,
      roles: RolesSchema,
      displayName: v.pipe(v.string('请填写被邀请人的姓名'), v.trim(), v.nonEmpty('请填写被邀请人的姓名'), v.maxLength(20, '姓名不能超过20个字')),
    }),
    output: returns<CreatedInvitation>(),
    roles: ['admin'],
  },
  listInvitations: {
    input: v.strictObject({ ...CursorInputSchema.entries, unitId: v.optional(UnitIdSchema) }),
    output: returns<CursorPage<InvitationView>>(),
    roles: ['admin'],
  },
  revokeInvitation: { input: v.strictObject({ invitationId: idText('缺少邀请编号', '邀请编号不正确', 72) }), output: returns<InvitationView>(), roles: ['admin'] },
  /** Staff of a unit's subtree (default: the whole jurisdiction). */
  listStaff: {
    input: v.strictObject({ ...CursorInputSchema.entries, unitId: v.optional(UnitIdSchema) }),
    output: returns<CursorPage<StaffView>>(),
    roles: ['admin'],
  },
  setStaffRoles: {
    input: v.strictObject({ openid: OpenidSchema, version: VersionSchema, roles: RolesSchema }),
    output: returns<StaffView>(),
    roles: ['admin'],
  },
  deactivateStaff: { input: v.strictObject({ openid: OpenidSchema, version: VersionSchema }), output: returns<StaffView>(), roles: ['admin'] },
  /** A person's request about their data, taken against their application; due 30 days after it was received (default today); audited. */
  openPersonRequest: {
    input: v.strictObject({ applicationId: idText('请填写申请编号', '申请编号不正确'), kind: v.picklist(PERSON_REQUEST_KINDS, '请选择请求类型：查阅复制、更正、删除或限制处理'), note: requestText('请写明本人的请求（2到500个字）'), receivedOn: v.optional(v.pipe(v.string('请选择收到请求的日期'), v.regex(DATE_PATTERN, '收到日期格式应为YYYY-MM-DD'))) }),
    output: returns<PersonRequestView>(),
    roles: ['reviewer', 'admin'],
  },
  /** Done, or refused with the reasons; audited. */
  closePersonRequest: {
    input: v.strictObject({ id: idText('缺少请求编号', '请求编号不正确'), version: VersionSchema, status: v.picklist(['done', 'refused'], '请选择已办结或拒绝'), outcome: requestText('请写明处理结果或拒绝理由（2到500个字）') }),
    output: returns<PersonRequestView>(),
    roles: ['reviewer', 'admin'],
  },
  /** The jurisdiction's open requests (however many units), the soonest due first, with the days left, a page at a time by cursor. */
  listPersonRequests: { input: v.strictObject({ ...CursorInputSchema.entries }), output: returns<CursorPage<PersonRequestView>>(), roles: ['reviewer', 'admin'] },
} as const satisfies FunctionContract


/** A person's request as staff see it, with the days left to answer (negative: overdue by that many). */
export interface PersonRequestView {
  id: string
  kind: PersonRequestKind
  applicationId: string
  /** The application's number as staff know it (absent if the application is gone). */
  applicationNumber?: string
  unitId: string
  note: string
  receivedOn: string
  dueOn: string
  status: 'open' | 'done' | 'refused'
  openedBy: string
  closedBy?: string
  closedAt?: string
  outcome?: string
  version: number
  daysLeft: number
  overdue: boolean
}

/** A unit as the admin pages show it; `version` goes back with a rename or move. */
export interface UnitView {
  id: string
  name: string
  parentId: string | null
  /** Ids from the root down to this unit, itself included. */
  path: string[]
  version: number
}

export interface UnitListing {
  unit: UnitView
  /** From the admin's own unit down to the unit's parent (empty for the admin's own unit): a breadcrumb. */
  ancestors: { id: string; name: string }[]
  children: UnitView[]
}

export interface MovedUnit {
  unit: UnitView
  /** How many units changed their path: the unit and everything below it. */
  moved: number
}

/** The reply to `createInvitation`: the only time the code is ever shown. */
export interface CreatedInvitation {
  invitationId: string
  /** `XXXX-XXXX-XXXX`. */
  code: string
  unitId: string
  unitName: string
  roles: StaffRole[]
  displayName: string
  expiresAt: string
}

export interface InvitationView {
  invitationId: string
  unitId: string
  unitName: string
  roles: StaffRole[]
  displayName: string
  createdAt: string
  expiresAt: string
  /** `expired`: still open but past its time. */
  status: 'open' | 'used' | 'revoked' | 'expired'
  usedAt: string | null
}

/** A staff member as the admin pages show them; `version` goes back with a change. */
export interface StaffView {
  /** The WeChat OPENID (an app-scoped pseudonym), shown to admins of the jurisdiction only. */
  openid: string
  displayName: string
  unitId: string
  unitName: string
  roles: StaffRole[]
  active: boolean
  version: number
  boundAt: string | null
}
