/**
 * 代为申请: an application typed by someone other than the worker — a caseworker for a worker in
 * their jurisdiction, or a relative on their own phone — always with the worker's signed paper
 * authorisation; and 电话联系, the calls that keep a worker without WeChat messages informed.
 */

/** Who a relative applying for a worker is to them. */
export const RELATIONS = [
  { code: 'child', label: '子女' },
  { code: 'spouse', label: '配偶' },
  { code: 'parent', label: '父母' },
  { code: 'sibling', label: '兄弟姐妹' },
  { code: 'other', label: '其他亲属' },
] as const
export type Relation = (typeof RELATIONS)[number]['code']
export const RELATION_CODES = RELATIONS.map((r) => r.code) as [Relation, ...Relation[]]
export const relationLabel = (code: string) => RELATIONS.find((r) => r.code === code)?.label ?? code

/** Who typed an application that the worker did not type themselves, as the case shows it. */
export interface TypedBy {
  kind: 'caseworker' | 'relative'
  /** The caseworker's name, or the relative's as they gave it. */
  name: string
  /** A relative's relation to the worker. */
  relation?: Relation
  /** ISO-8601 UTC: when the typing began. */
  at: string
  /** ISO-8601 UTC: when the worker took the case into their own WeChat, if they did. */
  takenOverAt?: string
}

/** The document kind of the worker's signed authorisation; an assisted application needs one. */
export const AUTHORISATION_KIND = 'authorisation'

/** The applicant identity of a caseworker-typed application until the worker takes it over: no WeChat account. */
export const placeholderOpenid = (applicationId: string) => `assisted:${applicationId}`
export const isPlaceholderOpenid = (openid: string) => openid.startsWith('assisted:')

/** One line saying who typed it, e.g. `工作人员张三代为申请` or `子女李四代填`. */
export function typedByText(t: TypedBy): string {
  const who = t.kind === 'caseworker' ? `工作人员${t.name}代为申请` : `${relationLabel(t.relation ?? 'other')}${t.name}代填`
  return t.takenOverAt ? `${who}，职工已本人接管` : who
}

/** Why a 电话联系 task is in the caseworker's queue. */
export const CALL_REASONS = [
  { code: 'returned-overdue', label: '退回后逾期未重新提交' },
  { code: 'no-subscription', label: '职工未订阅消息，需电话告知结果' },
] as const
export type CallReason = (typeof CALL_REASONS)[number]['code']
export const callReasonLabel = (code: string) => CALL_REASONS.find((r) => r.code === code)?.label ?? code

/** How a call went. */
export const CALL_OUTCOMES = [
  { code: 'reached', label: '已接通并告知' },
  { code: 'no-answer', label: '无人接听' },
  { code: 'wrong-number', label: '号码有误' },
] as const
export type CallOutcome = (typeof CALL_OUTCOMES)[number]['code']
export const CALL_OUTCOME_CODES = CALL_OUTCOMES.map((r) => r.code) as [CallOutcome, ...CallOutcome[]]
export const callOutcomeLabel = (code: string) => CALL_OUTCOMES.find((r) => r.code === code)?.label ?? code
