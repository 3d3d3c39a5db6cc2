import * as v from 'valibot'
import type { ApplicationStatus } from '../application-status'
import { CALL_OUTCOME_CODES, type CallReason } from '../assisted'
import { CursorInputSchema, type CursorPage } from './applicant'
import type { CaseView } from './review'
import { CASE_STAFF, returns, type FunctionContract } from './define'

/** The caseworker in the field (issue 18): 代为申请, take-over codes and 电话联系. Part of the `review` function. */

const IdSchema = v.pipe(v.string('缺少申请编号'), v.nonEmpty('缺少申请编号'), v.maxLength(64, '申请编号不正确'))

export const fieldActions = {
  /**
   * 代为申请: an empty assisted draft for a worker of a unit in the caseworker's jurisdiction (absent:
   * their own; the form's union picker then names the worker's); filled through the applicant's
   * form actions with `assisted`.
   */
  startAssisted: {
    input: v.strictObject({ unitId: v.optional(v.pipe(v.string('请选择职工所在工会'), v.nonEmpty('请选择职工所在工会'), v.maxLength(64, '工会编号不正确'))) }),
    output: returns<{ id: string }>(),
    roles: ['caseworker'],
  },
  /** 我代填的申请: the caller's own assisted drafts not yet submitted, last saved first. */
  assistedDrafts: { input: v.strictObject({}), output: returns<AssistedDraftList>(), roles: ['caseworker'] },
  /** A one-time code the worker uses to take an assisted case into their own WeChat; shown this once. */
  issueTakeover: { input: v.strictObject({ id: IdSchema }), output: returns<TakeoverCode>(), roles: CASE_STAFF },
  /** Withdraws an unused take-over code of the case (audited). */
  revokeTakeover: {
    input: v.strictObject({ id: IdSchema, invitationId: v.pipe(v.string('缺少认领码编号'), v.nonEmpty('缺少认领码编号'), v.maxLength(72, '认领码编号不正确')) }),
    output: returns<{ status: 'revoked' }>(),
    roles: CASE_STAFF,
  },
  /** 电话联系: the jurisdiction's open call tasks, oldest first, a page at a time by cursor. */
  callTasks: { input: CursorInputSchema, output: returns<CallTaskPage>(), roles: CASE_STAFF },
  /** Records a call to the worker on the case; one that reached them closes the task. */
  logCall: {
    input: v.strictObject({
      id: IdSchema,
      outcome: v.picklist(CALL_OUTCOME_CODES, '请选择通话结果'),
      note: v.optional(v.pipe(v.string('通话记录应为文本'), v.trim(), v.maxLength(200, '通话记录不能超过200个字')), ''),
    }),
    output: returns<CaseView>(),
    roles: CASE_STAFF,
  },
} as const satisfies FunctionContract

/** A take-over code as handed out, the one time it is shown. */
export interface TakeoverCode {
  /** `XXXX-XXXX-XXXX`. */
  code: string
  expiresAt: string
  number: string
  /** Names the code to withdraw it (`revokeTakeover`) while unused. */
  invitationId: string
}

/** One unfinished 代为申请 draft of the caseworker's (a draft has no number yet). */
export interface AssistedDraftView {
  id: string
  /** The worker's name masked, once typed. */
  nameMasked: string | null
  unitName: string
  /** ISO-8601 UTC. */
  startedAt: string
  /** ISO-8601 UTC: when the form was last saved. */
  savedAt: string
}

export interface AssistedDraftList {
  items: AssistedDraftView[]
}

/** One line of the 电话联系 list. */
export interface CallTaskView {
  applicationId: string
  number: string
  nameMasked: string
  unitName: string
  status: ApplicationStatus
  reasons: CallReason[]
  openedAt: string
  attempts: number
  /** Who typed it, when not the worker. */
  typedBy?: string
}

export type CallTaskPage = CursorPage<CallTaskView>
