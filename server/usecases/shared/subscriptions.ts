import { AppError, type Actor, type ApplicationStatus } from '../../../src/domain'
import type { SubscribeTemplates } from '../../../src/domain/api/account'
import type { OutboxEntry, Repositories, TemplateChoice } from '../../ports'

/** The policy's name (PolicyRecord.subscribeTemplateIds) of each outbox kind's template. */
export const TEMPLATE_KEYS: Record<OutboxEntry['kind'], keyof SubscribeTemplates> = { 'status-changed': 'statusChanged', 'cases-waiting': 'casesWaiting' }

/**
 * Which value fills which keyword of a template when the policy does not say
 * (`PolicyRecord.subscribeTemplateFields`): for statusChanged a typical "审核进度通知" with 申请编号
 * (character_string1), 审核状态 (phrase2), 备注 (thing3) and 更新时间 (time4); for casesWaiting a
 * "待办事项提醒" with 事项 (thing1), 数量 (number2), 说明 (thing3) and 时间 (time4).
 */
export const DEFAULT_TEMPLATE_FIELDS: Record<keyof SubscribeTemplates, Record<string, string>> = {
  statusChanged: { character_string1: 'number', phrase2: 'status', thing3: 'body', time4: 'time' },
  casesWaiting: { thing1: 'title', number2: 'count', thing3: 'body', time4: 'time' },
}

/** More acceptances than this are not kept: a person tapping again and again gains nothing. */
export const MAX_ACCEPTANCES = 20

/**
 * How much a message matters, which decides whether it may spend an acceptance. A worker usually
 * holds one (accepted when submitting): it is kept for a decision. The worker's own act
 * (submitting, resubmitting, withdrawing) is never worth one; a step along the way only when more
 * than one is held.
 */
export type Importance = 'own-act' | 'progress' | 'decision' | 'reminder'

const DECISIONS: readonly ApplicationStatus[] = ['returned', 'rejected', 'filed']
const OWN_ACTS: readonly ApplicationStatus[] = ['draft', 'submitted', 'withdrawn']

export function importanceOf(entry: OutboxEntry): Importance {
  if (entry.kind === 'cases-waiting') return 'reminder'
  const status = entry.payload.status as ApplicationStatus
  if (DECISIONS.includes(status)) return 'decision'
  return OWN_ACTS.includes(status) ? 'own-act' : 'progress'
}

/** Acceptances a message of this importance needs to be held before it may spend one. */
export const ACCEPTANCES_NEEDED: Record<Importance, number> = { 'own-act': Infinity, progress: 2, decision: 1, reminder: 1 }

/** The template of `key` for a unit: its own policy's, else the nearest unit's above it that sets one. */
export async function templateIdFor(repos: Repositories, unitId: string, key: keyof SubscribeTemplates): Promise<{ templateId: string; fields: Record<string, string> } | null> {
  const unit = await repos.units.get(unitId)
  for (const id of [...(unit?.path ?? [unitId])].reverse()) {
    const policy = await repos.policies.get(id)
    const templateId = policy?.subscribeTemplateIds[key]
    if (templateId) return { templateId, fields: policy.subscribeTemplateFields?.[key] ?? DEFAULT_TEMPLATE_FIELDS[key] }
  }
  return null
}

/** The unit an entry's template is looked up from: the application's, or the staff member's for a reminder. */
async function unitOfEntry(repos: Repositories, entry: OutboxEntry, defaultUnitId: string): Promise<string> {
  if (entry.payload.unitId) return entry.payload.unitId
  const application = entry.payload.applicationId ? await repos.applications.get(entry.payload.applicationId) : null
  return application?.unitId ?? defaultUnitId
}

/** The template an entry would be sent with, or why there is none. */
export async function templateOfEntry(repos: Repositories, entry: OutboxEntry, defaultUnitId: string): Promise<TemplateChoice | { none: string }> {
  const key = TEMPLATE_KEYS[entry.kind]
  return (await templateIdFor(repos, await unitOfEntry(repos, entry, defaultUnitId), key)) ?? { none: `no subscribe template is set for ${key}` }
}

/**
 * The templates the caller may subscribe to now, and how many acceptances of each they hold: the
 * status template of `unitId` (the unit of the application a worker is about to submit), and for
 * staff the reminder template of their own unit.
 */
export async function subscribeTemplates(repos: Repositories, actor: Actor, unitId: string | undefined): Promise<SubscribeTemplates> {
  const status = await templateIdFor(repos, unitId ?? actor.unitId ?? '', 'statusChanged')
  const staff = actor.unitId && actor.roles.some((r) => r === 'caseworker' || r === 'reviewer') ? await templateIdFor(repos, actor.unitId, 'casesWaiting') : null
  const held = async (t: { templateId: string } | null) => (t ? ((await repos.subscriptions.get(actor.openid, t.templateId))?.remaining ?? 0) : 0)
  return {
    statusChanged: status && { templateId: status.templateId, held: await held(status) },
    casesWaiting: staff && { templateId: staff.templateId, held: await held(staff) },
  }
}

/**
 * Records what the caller accepted in WeChat's subscribe dialog: one acceptance per template id,
 * each of them a template the caller was offered (anything else is refused, naming the field).
 */
export async function acceptSubscriptions(repos: Repositories, actor: Actor, input: { unitId?: string; accepted: string[] }, at: string): Promise<SubscribeTemplates> {
  const offered = await subscribeTemplates(repos, actor, input.unitId)
  const kinds = new Map<string, string>()
  for (const [kind, t] of Object.entries(offered)) if (t) kinds.set(t.templateId, kind)
  const unknown = input.accepted.find((id) => !kinds.has(id))
  if (unknown) throw new AppError('VALIDATION', '订阅的消息模板不正确，请重新打开页面后再试', 'accepted')
  for (const id of new Set(input.accepted)) await repos.subscriptions.accept(actor.openid, id, kinds.get(id)!, at, MAX_ACCEPTANCES)
  return subscribeTemplates(repos, actor, input.unitId)
}
