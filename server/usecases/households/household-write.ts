import { AppError, hasRole, type Actor, type StaffRole } from '../../../src/domain'
import {
  currentHouseholdStatus,
  householdEventProblem,
  HOUSEHOLD_EVENT_ROLES,
  pairedCadres,
  type HouseholdEvent,
  type HouseholdEventBody,
} from '../../../src/domain/household'
import type { CallContext, Deps, HouseholdRecord, OrgUnitRecord, Repositories, StaffRecord } from '../../ports'
import type { WriteScope } from '../shared/idempotency'
import { staffNameOf } from './access'

/**
 * What the household writes share: the idempotency key, the version check, the one way a history
 * entry is appended, and who may be named on a file (cadres, approvers). Everything here reads and
 * writes by id only, so it runs inside a CloudBase transaction.
 */

/** The roles that follow a household day to day: measures, contacts, money, proposals. */
export const CASE_ROLES = ['caseworker', 'reviewer'] as const satisfies readonly StaffRole[]

const STALE = '档案已被他人更新，请刷新后再操作'

/** What a write's request id is bound to: the caller, the action and the record it writes. */
export function writeScope(action: string, actor: Actor, ctx: CallContext, target: string): WriteScope {
  return { actor: actor.openid, action: `households.${action}`, target, requestId: ctx.requestId }
}

/** The change was planned on the version the caller saw; anything else is CONFLICT. */
export function requireVersion(rec: HouseholdRecord, expectedVersion: number): void {
  if (rec.version !== expectedVersion) throw new AppError('CONFLICT', STALE)
}

/** Writes the household at `expectedVersion`; CONFLICT when someone wrote it first. */
export async function saveHousehold(repos: Repositories, next: HouseholdRecord, expectedVersion: number): Promise<void> {
  if (!(await repos.households.update(next, expectedVersion))) throw new AppError('CONFLICT', STALE)
}

/**
 * Appends one history entry by `actor`: the entry kind's roles (FORBIDDEN), the history's rule
 * (CONFLICT with its reason), then the record with `cadres` and `status` replayed from the new
 * history, written at the version it was read at. Returns the record as written.
 */
export async function appendHouseholdEvent(
  deps: Deps,
  repos: Repositories,
  actor: Actor,
  rec: HouseholdRecord,
  body: HouseholdEventBody,
  now: Date,
): Promise<HouseholdRecord> {
  if (!HOUSEHOLD_EVENT_ROLES[body.kind].some((r) => hasRole(actor, r))) throw new AppError('FORBIDDEN', '您没有权限进行此操作')
  const at = now.toISOString()
  const event: HouseholdEvent = { ...body, id: deps.ids.newId(), at, by: actor.openid, byName: await staffNameOf(repos, actor.openid) }
  const problem = householdEventProblem(rec.history, event)
  if (problem) throw new AppError('CONFLICT', problem)
  const history = [...rec.history, event]
  const next: HouseholdRecord = {
    ...rec,
    history,
    cadres: pairedCadres(history),
    status: currentHouseholdStatus(history) ?? rec.status,
    version: rec.version + 1,
    updatedAt: at,
  }
  await saveHousehold(repos, next, rec.version)
  return next
}

/**
 * An active staff member holding one of `roles` whose jurisdiction covers the household's unit
 * (their unit is on its path: the unit itself or one above it), so they can see and follow the
 * file; else null. Reads by id only.
 */
export async function staffCovering(repos: Repositories, unit: OrgUnitRecord, openid: string, roles: readonly StaffRole[]): Promise<StaffRecord | null> {
  const staff = await repos.staff.getByOpenid(openid)
  if (!staff || !staff.active || !unit.path.includes(staff.unitId)) return null
  return roles.some((r) => staff.roles.includes(r)) ? staff : null
}

/** A household the actor may still add to: filed, else CONFLICT naming what cannot be done. */
export function requireFiled(rec: HouseholdRecord, what: string): void {
  if (rec.status !== 'filed') throw new AppError('CONFLICT', `该家庭已脱困注销，不能${what}`)
}
