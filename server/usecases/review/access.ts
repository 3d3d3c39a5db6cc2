import { AppError, type Actor } from '../../../src/domain'
import type { ApplicationRecord, OrgUnitRecord, Repositories } from '../../ports'
import { unitInJurisdiction } from '../shared/jurisdiction'

/** The roles that work on cases: the queue, the case page and the decisions. */
export const REVIEW_ROLES = ['caseworker', 'reviewer'] as const

/** Staff who review cases; the action table says so too, this keeps the use cases safe on their own. */
export function requireReviewer(actor: Actor): asserts actor is Actor & { unitId: string } {
  if (!actor.unitId || !actor.roles.some((r) => r === 'caseworker' || r === 'reviewer')) {
    throw new AppError('FORBIDDEN', '只有工会审核人员可以进行此操作')
  }
}

/**
 * A case of the actor's jurisdiction with its unit. A case elsewhere, a draft (not yet the union's)
 * and a missing id are all NOT_FOUND, so ids tell nothing about other jurisdictions. Reads by id
 * only, so it works inside transactions.
 */
export async function caseOf(repos: Repositories, actor: Actor, id: string): Promise<{ rec: ApplicationRecord; unit: OrgUnitRecord }> {
  requireReviewer(actor)
  const rec = await repos.applications.get(id)
  const unit = rec && rec.status !== 'draft' ? await unitInJurisdiction(repos, actor, rec.unitId) : null
  if (!rec || !unit) throw new AppError('NOT_FOUND', '没有找到这个案件')
  return { rec, unit }
}

/** The staff member's name for the record of a decision. */
export async function staffName(repos: Repositories, actor: Actor): Promise<string> {
  return (await repos.staff.getByOpenid(actor.openid))?.displayName ?? ''
}
