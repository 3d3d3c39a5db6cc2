import type * as v from 'valibot'
import { AppError, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { HOUSEHOLD_EVENT_ROLES, pendingDeregistration } from '../../../src/domain/household'
import type { DecideDeregistrationSchema, ProposeDeregistrationSchema } from '../../../src/domain/household-schemas'
import type { CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { writeHouseholdFile } from './file-write'
import { appendHouseholdEvent, requireVersion } from './household-write'

/**
 * 脱困注销: a caseworker or reviewer proposes it with a reason code and evidence; another reviewer
 * approves or declines. Approval sets the file to deregistered; its history stays, and the worker
 * may apply again later (the file's claim stays, and filing refiles it).
 */

/** Proposes deregistering a filed household that has no open proposal. */
export async function proposeDeregistration(deps: Deps, actor: Actor, input: v.InferOutput<typeof ProposeDeregistrationSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'proposeDeregistration', roles: HOUSEHOLD_EVENT_ROLES['deregistration-proposed'] }, async ({ repos, rec, now }) => {
    requireVersion(rec, input.expectedVersion)
    const body = { kind: 'deregistration-proposed', reason: input.reason, text: input.text, evidenceIds: input.evidenceIds, campaignId: null } as const
    const next = await appendHouseholdEvent(deps, repos, actor, rec, body, now)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.deregistration.propose',
      subject: rec.id,
      detail: { reason: input.reason, evidence: input.evidenceIds.length },
    })
    return { version: next.version }
  })
}

/** A reviewer's decision on the open proposal; the one who proposed it may not decide it. */
export async function decideDeregistration(deps: Deps, actor: Actor, input: v.InferOutput<typeof DecideDeregistrationSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'decideDeregistration', roles: HOUSEHOLD_EVENT_ROLES.deregistered }, async ({ repos, rec, now }) => {
    requireVersion(rec, input.expectedVersion)
    const pending = pendingDeregistration(rec.history)
    if (!pending) throw new AppError('CONFLICT', '该家庭没有待审批的注销申请')
    if (pending.by === actor.openid) throw new AppError('FORBIDDEN', '不能审批自己提出的注销申请，请由另一位审核人员审批')
    const body = input.approve
      ? ({ kind: 'deregistered', reason: pending.reason, text: pending.text, note: input.note } as const)
      : ({ kind: 'deregistration-declined', note: input.note } as const)
    const next = await appendHouseholdEvent(deps, repos, actor, rec, body, now)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: input.approve ? 'household.deregister' : 'household.deregistration.decline',
      subject: rec.id,
      detail: { proposalId: pending.id, reason: pending.reason, status: next.status },
    })
    return { version: next.version }
  })
}
