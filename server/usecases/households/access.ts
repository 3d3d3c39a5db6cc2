import { AppError, hasRole, maskName, type Actor, type StaffRole } from '../../../src/domain'
import type { HouseholdItem } from '../../../src/domain/api/households'
import { shanghaiDateOf } from '../../../src/domain/calendar'
import { contactDue, DEFAULT_CONTACT_OVERDUE_DAYS, lastFiledOn, pendingDeregistration } from '../../../src/domain/household'
import type { Deps, HouseholdRecord, OrgUnitRecord, PolicyRecord, Repositories } from '../../ports'
import { policyFor } from '../shared/policy'
import { unitInJurisdiction } from '../shared/jurisdiction'

/** Staff who work with filed households: every staff role sees its jurisdiction's files. */
export const HOUSEHOLD_ROLES = ['caseworker', 'reviewer', 'admin'] as const

/** Staff of a unit; the action table says so too, this keeps the use cases safe on their own. */
export function requireStaff(actor: Actor, roles: readonly StaffRole[] = HOUSEHOLD_ROLES): asserts actor is Actor & { unitId: string } {
  if (!actor.unitId || !roles.some((r) => hasRole(actor, r))) throw new AppError('FORBIDDEN', '您没有权限进行此操作')
}

/** The top unit of the actor's jurisdiction, or a unit inside it (NOT_FOUND outside). A query. */
export async function householdRoot(repos: Repositories, actor: Actor, unitId?: string): Promise<OrgUnitRecord> {
  requireStaff(actor)
  const root = unitId ? await unitInJurisdiction(repos, actor, unitId) : await repos.units.get(actor.unitId)
  if (!root) throw new AppError('NOT_FOUND', '没有找到这个单位', 'unitId')
  return root
}

/** The units of the actor's jurisdiction, or of a unit's subtree inside it (NOT_FOUND outside), however many. A query. */
export async function householdUnits(repos: Repositories, actor: Actor, unitId?: string): Promise<OrgUnitRecord[]> {
  return repos.units.subtree((await householdRoot(repos, actor, unitId)).id)
}

/**
 * A household of the actor's jurisdiction with its unit; elsewhere (or missing) NOT_FOUND, so ids
 * say nothing about other jurisdictions. Reads by id only, so it works inside transactions.
 */
export async function householdOf(repos: Repositories, actor: Actor, id: string): Promise<{ rec: HouseholdRecord; unit: OrgUnitRecord }> {
  requireStaff(actor)
  const rec = await repos.households.get(id)
  const unit = rec ? await unitInJurisdiction(repos, actor, rec.unitId) : null
  if (!rec || !unit) throw new AppError('NOT_FOUND', '没有找到这户家庭', 'householdId')
  return { rec, unit }
}

/** Days without contact after which a filed household of `unit` is overdue (its policy, else the default). */
export async function contactOverdueDays(repos: Repositories, unit: OrgUnitRecord): Promise<number> {
  const policy: PolicyRecord | undefined = (await policyFor(repos, unit))?.policy
  return policy?.contactOverdueDays ?? DEFAULT_CONTACT_OVERDUE_DAYS
}

/** A household as lists show it: the head's name masked, the contact state as of `now`. */
export function toHouseholdItem(rec: HouseholdRecord, unitName: string, now: Date, overdueDays: number): HouseholdItem {
  const today = shanghaiDateOf(now)
  const filedOn = lastFiledOn(rec.history) ?? shanghaiDateOf(rec.filedAt)
  const due = contactDue(rec.lastContactOn ? [{ on: rec.lastContactOn }] : [], filedOn, today, overdueDays)
  return {
    id: rec.id,
    number: rec.number,
    headNameMasked: maskName(rec.headName),
    unitName,
    category: rec.category,
    status: rec.status,
    memberCount: rec.memberCount,
    cadres: rec.cadres,
    filedAt: rec.filedAt,
    lastContactOn: rec.lastContactOn,
    contactOverdue: rec.status === 'filed' && due.overdue,
    deregistrationPending: pendingDeregistration(rec.history) !== null,
  }
}

/** The staff member's display name, for records of who did what. */
export async function staffNameOf(repos: Repositories, openid: string): Promise<string> {
  return (await repos.staff.getByOpenid(openid))?.displayName ?? ''
}

export type { Deps }
