import type * as v from 'valibot'
import { AppError, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { HOUSEHOLD_EVENT_ROLES, pendingDeregistration } from '../../../src/domain/household'
import type { DecideDeregistrationSchema, ProposeDeregistrationSchema } from '../../../src/domain/household-schemas'
import { isOpenMeasure } from '../../../src/domain/household-codes'
import type { CallContext, Deps, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { maskName } from '../../../src/domain/mask'
import { staffNameOf } from './access'
import { writeHouseholdFile } from './file-write'
import { appendHouseholdEvent, requireVersion } from './household-write'
import { requireEvidence } from './evidence'
import { DEREGISTRATION_EVIDENCE_MESSAGE } from '../../../src/domain/schema-parts'

/**
 * 脱困注销: a caseworker or reviewer proposes it with a reason code and evidence; another reviewer
 * approves or declines. Approval sets the file to deregistered; its history stays, and the worker
 * may apply again later (the file's claim stays, and filing refiles it).
 */

/** Proposes deregistering a filed household that has no open proposal. */
export async function proposeDeregistration(deps: Deps, actor: Actor, input: v.InferOutput<typeof ProposeDeregistrationSchema>, ctx: CallContext): Promise<HouseholdView> {
  // The proof of being out of hardship (脱困证明): photos registered to this household.
  if (input.evidenceIds.length === 0) throw new AppError('VALIDATION', DEREGISTRATION_EVIDENCE_MESSAGE, 'evidenceIds')
  const approvers = await approversOf(deps.store.repos, input.householdId, actor.openid)
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'proposeDeregistration', roles: HOUSEHOLD_EVENT_ROLES['deregistration-proposed'] }, async ({ repos, rec, now }) => {
    requireVersion(rec, input.expectedVersion)
    const body = { kind: 'deregistration-proposed', reason: input.reason, text: input.text, evidenceIds: input.evidenceIds, campaignId: null } as const
    const next = await appendHouseholdEvent(deps, repos, actor, rec, body, now)
    // After the file's own rules (a deregistered file, an open proposal: CONFLICT), in the same transaction.
    await requireEvidence(repos, rec.id, input.evidenceIds)
    // The approvers are told it waits for them (an in-app message each: the home page counts it).
    const proposer = await staffNameOf(repos, actor.openid)
    for (const openid of approvers) {
      await repos.messages.add({
        id: deps.ids.newId(),
        openid,
        title: '脱困注销待您审批',
        body: `${proposer}提出注销建档家庭 ${rec.number}（${maskName(rec.headName)}），请在该户档案中审批。`,
        applicationId: null,
        createdAt: now.toISOString(),
        readAt: null,
      })
    }
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
  // The measures to end are found before the transaction (a query), then each read again inside it.
  const measureIds = input.approve ? (await deps.store.repos.measures.listByHousehold(input.householdId)).filter((m) => isOpenMeasure(m.status)).map((m) => m.id) : []
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'decideDeregistration', roles: HOUSEHOLD_EVENT_ROLES.deregistered }, async ({ repos, rec, now }) => {
    requireVersion(rec, input.expectedVersion)
    const pending = pendingDeregistration(rec.history)
    if (!pending) throw new AppError('CONFLICT', '该家庭没有待审批的注销申请')
    if (pending.by === actor.openid) throw new AppError('FORBIDDEN', '不能审批自己提出的注销申请，请由另一位审核人员审批')
    const body = input.approve
      ? ({ kind: 'deregistered', reason: pending.reason, text: pending.text, note: input.note } as const)
      : ({ kind: 'deregistration-declined', note: input.note } as const)
    const next = await appendHouseholdEvent(deps, repos, actor, rec, body, now)
    const ended = input.approve ? await endMeasures(repos, rec.id, measureIds, now) : 0
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: input.approve ? 'household.deregister' : 'household.deregistration.decline',
      subject: rec.id,
      detail: { proposalId: pending.id, reason: pending.reason, status: next.status, measuresEnded: ended },
    })
    return { version: next.version }
  })
}

/** Ends the household's running measures with its deregistration, each at the version read here; how many. */
async function endMeasures(repos: Repositories, householdId: string, ids: readonly string[], now: Date): Promise<number> {
  let ended = 0
  for (const id of ids) {
    const m = await repos.measures.get(id)
    if (!m || m.householdId !== householdId || !isOpenMeasure(m.status)) continue
    const next = { ...m, status: 'ended' as const, updatedAt: now.toISOString(), version: m.version + 1 }
    if (!(await repos.measures.update(next, m.version))) throw new AppError('CONFLICT', '帮扶措施已被他人更新，请刷新后再操作')
    ended++
  }
  return ended
}

/** The active reviewers whose jurisdiction covers the household (its unit and those above), but the proposer. Queries, before the write. */
async function approversOf(repos: Repositories, householdId: string, proposer: string): Promise<string[]> {
  const rec = await repos.households.get(householdId)
  const unit = rec && (await repos.units.get(rec.unitId))
  if (!unit) return []
  const { items } = await repos.staff.listByUnits(unit.path, { offset: 0, limit: 100 })
  return items.filter((s) => s.active && s.roles.includes('reviewer') && s.openid !== proposer).map((s) => s.openid)
}
