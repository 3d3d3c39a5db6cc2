import type * as v from 'valibot'
import { AppError, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { HOUSEHOLD_EVENT_ROLES } from '../../../src/domain/household'
import type { AssignCadreSchema, RemoveCadreSchema } from '../../../src/domain/household-schemas'
import type { CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { writeHouseholdFile } from './file-write'
import { appendHouseholdEvent, CASE_ROLES, requireVersion, staffCovering } from './household-write'

/**
 * Pairs a cadre (结对帮扶干部) with a filed household. The cadre must be an active caseworker or
 * reviewer whose jurisdiction covers the household (their unit is the household's or one above
 * it): the one who visits and calls has to be able to open the file and log the contact. Staff of
 * a sibling or lower unit of the caller's jurisdiction could not, so they are refused.
 */
export async function assignCadre(deps: Deps, actor: Actor, input: v.InferOutput<typeof AssignCadreSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'assignCadre', roles: HOUSEHOLD_EVENT_ROLES['cadre-assigned'], part: input.cadreOpenid }, async ({ repos, rec, unit, now }) => {
    requireVersion(rec, input.expectedVersion)
    const cadre = await staffCovering(repos, unit, input.cadreOpenid, CASE_ROLES)
    if (!cadre) throw new AppError('VALIDATION', '结对帮扶干部应为负责这户家庭的在职工作人员，请重新选择', 'cadreOpenid')
    const next = await appendHouseholdEvent(deps, repos, actor, rec, { kind: 'cadre-assigned', cadre: { openid: cadre.openid, name: cadre.displayName } }, now)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'household.cadre.assign', subject: rec.id, detail: { cadreOpenid: cadre.openid } })
    return { version: next.version }
  })
}

/** Ends a pairing, with the reason in the history. The cadre need no longer be on staff. */
export async function removeCadre(deps: Deps, actor: Actor, input: v.InferOutput<typeof RemoveCadreSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'removeCadre', roles: HOUSEHOLD_EVENT_ROLES['cadre-removed'], part: input.cadreOpenid }, async ({ repos, rec, now }) => {
    requireVersion(rec, input.expectedVersion)
    const next = await appendHouseholdEvent(deps, repos, actor, rec, { kind: 'cadre-removed', cadreOpenid: input.cadreOpenid, note: input.note }, now)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'household.cadre.remove', subject: rec.id, detail: { cadreOpenid: input.cadreOpenid } })
    return { version: next.version }
  })
}
