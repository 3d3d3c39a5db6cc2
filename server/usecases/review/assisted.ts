import { AppError, hasRole, maskName, type Actor } from '../../../src/domain'
import { isPlaceholderOpenid, placeholderOpenid } from '../../../src/domain/assisted'
import { formatInvitationCode } from '../../../src/domain/invitation-code'
import type { AssistedDraftList, TakeoverCode } from '../../../src/domain/api/review'
import type { CallContext, Deps } from '../../ports'
import { createDraft } from '../applicant/open-application'
import { appendAudit } from '../shared/audit'
import { unitInJurisdiction } from '../shared/jurisdiction'
import { newCode } from '../shared/one-time-code'
import { caseOf, requireReviewer, staffName } from './access'

/** How long a take-over code given on paper works: long enough for the worker's next trip to town. */
export const TAKEOVER_TTL_MS = 30 * 24 * 3600 * 1000

function requireCaseworker(actor: Actor): asserts actor is Actor & { unitId: string } {
  requireReviewer(actor)
  if (!hasRole(actor, 'caseworker')) throw new AppError('FORBIDDEN', '只有负责初审的工作人员可以代为申请')
}

/**
 * 代为申请: a caseworker starts an application for a worker of their jurisdiction. It is an empty
 * draft whose applicant is a placeholder with no WeChat account (until the worker takes it over),
 * naming the caseworker as its typist; the caseworker then fills it like a worker would, through
 * the applicant's actions with `assisted` set (see `typistActor`).
 */
export async function startAssisted(deps: Deps, actor: Actor, input: { unitId?: string }): Promise<{ id: string }> {
  requireCaseworker(actor)
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const unit = await unitInJurisdiction(repos, actor, input.unitId ?? actor.unitId)
    if (!unit) throw new AppError('NOT_FOUND', '没有找到这个工会', 'unitId')
    const id = deps.ids.newId()
    const typedBy = { kind: 'caseworker' as const, name: await staffName(repos, actor), at: now.toISOString(), openid: actor.openid }
    await createDraft(deps, repos, actor, now, { id, applicantOpenid: placeholderOpenid(id), unitId: unit.id, typedBy })
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'application.assist.start', subject: id, detail: { unitId: unit.id } })
    return { id }
  })
}

/** The most unfinished drafts the list shows: a caseworker has a handful at a time. */
export const MAX_ASSISTED_DRAFTS = 50

/**
 * 我代填的申请: the assisted drafts the caller started and has not submitted, last saved first,
 * those of units still in their jurisdiction only (the same rule as typing them, `typistActor`).
 * The name, when typed, is masked as in every list.
 */
export async function listAssistedDrafts(deps: Deps, actor: Actor): Promise<AssistedDraftList> {
  requireCaseworker(actor)
  const repos = deps.store.repos
  const recs = await repos.applications.assistedDrafts(actor.openid, MAX_ASSISTED_DRAFTS)
  // The drafts' few units, read by id: a jurisdiction of any size.
  const units = recs.length ? await repos.units.getMany([...new Set(recs.map((r) => r.unitId))]) : []
  const names = new Map(units.filter((u) => u.path.includes(actor.unitId)).map((u) => [u.id, u.name]))
  const items = recs
    .filter((r) => names.has(r.unitId) && isPlaceholderOpenid(r.applicantOpenid))
    .map((r) => ({ id: r.id, nameMasked: r.name ? maskName(r.name) : null, unitName: names.get(r.unitId) ?? '', startedAt: r.typedBy?.at ?? r.createdAt, savedAt: r.draft?.savedAt ?? r.updatedAt }))
  return { items }
}

/**
 * Who a caseworker acts as on an assisted application they may type: its placeholder applicant,
 * while the worker has not taken it over and its unit is in the caseworker's jurisdiction. Every
 * other id is NOT_FOUND. The form's actions then run as for the worker themselves.
 */
export async function typistActor(deps: Deps, actor: Actor, applicationId: string): Promise<Actor> {
  requireCaseworker(actor)
  const repos = deps.store.repos
  const rec = await repos.applications.get(applicationId)
  const mine = rec?.typedBy?.kind === 'caseworker' && isPlaceholderOpenid(rec.applicantOpenid) && (await unitInJurisdiction(repos, actor, rec.unitId))
  if (!rec || !mine) throw new AppError('NOT_FOUND', '没有找到这份代为申请', 'assisted')
  return { openid: rec.applicantOpenid, roles: ['worker'], typist: actor.openid }
}

/** A caseworker's submission of an assisted form: the union chosen must be in their jurisdiction too. */
export async function checkAssistedUnit(deps: Deps, actor: Actor, unitId: string): Promise<void> {
  if (!(await unitInJurisdiction(deps.store.repos, actor, unitId))) throw new AppError('VALIDATION', '只能为本辖区内工会的职工代为申请', 'form.applicant.unitId')
}

/**
 * A one-time take-over code for an assisted case, given to the worker on paper: with it they take
 * the case into their own WeChat (`applicant.takeOver`), after which its messages go to them. Like
 * staff invitations the code is in this reply only; not idempotent on purpose (a stored reply
 * would keep the code); an unused code expires.
 */
export async function issueTakeover(deps: Deps, actor: Actor, input: { id: string }, _ctx: CallContext): Promise<TakeoverCode> {
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const { rec } = await caseOf(repos, actor, input.id)
    if (!rec.typedBy) throw new AppError('CONFLICT', '这份申请由职工本人填写，无需认领')
    if (rec.typedBy.takenOverAt) throw new AppError('CONFLICT', '职工已认领这份申请')
    const { code, id } = newCode(deps)
    const expiresAt = new Date(now.getTime() + TAKEOVER_TTL_MS).toISOString()
    await repos.invitations.insert({
      id, kind: 'takeover', applicationId: rec.id, unitId: rec.unitId, roles: [], displayName: '', createdBy: actor.openid,
      createdAt: now.toISOString(), expiresAt, status: 'open', usedBy: null, usedAt: null,
    })
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'application.takeover.issue', subject: rec.id, detail: { invitationId: id, expiresAt } })
    return { code: formatInvitationCode(code), expiresAt, number: rec.number, invitationId: id }
  })
}

/**
 * Withdraws a take-over code not yet used (the paper was lost, or given to the wrong person), so
 * it no longer works; audited on the case. A used, expired or withdrawn one is a CONFLICT.
 */
export async function revokeTakeover(deps: Deps, actor: Actor, input: { id: string; invitationId: string }): Promise<{ status: 'revoked' }> {
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const { rec } = await caseOf(repos, actor, input.id)
    if (!rec.typedBy) throw new AppError('CONFLICT', '这份申请由职工本人填写，没有认领码')
    const inv = await repos.invitations.get(input.invitationId)
    if (!inv || inv.kind !== 'takeover' || inv.applicationId !== rec.id) throw new AppError('NOT_FOUND', '没有找到这个认领码', 'invitationId')
    const usable = inv.status === 'open' && inv.expiresAt > now.toISOString()
    if (!usable || !(await repos.invitations.update({ ...inv, status: 'revoked' }, 'open'))) throw new AppError('CONFLICT', '这个认领码已被使用、作废或过期')
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'application.takeover.revoke', subject: rec.id, detail: { invitationId: inv.id } })
    return { status: 'revoked' as const }
  })
}
