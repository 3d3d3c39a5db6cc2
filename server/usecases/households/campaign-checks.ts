import type * as v from 'valibot'
import { AppError, hasRole, type Actor } from '../../../src/domain'
import type { CheckView } from '../../../src/domain/api/households'
import { confirmItemProblem, outcomeProblem, withItem, type Campaign, type CheckRecord } from '../../../src/domain/campaign'
import { changedWithoutEvidence, type CheckOutcomeSchema, type ConfirmItemSchema } from '../../../src/domain/campaign-schemas'
import { DEREGISTRATION_EVIDENCE_MESSAGE } from '../../../src/domain/schema-parts'
import type { CallContext, Deps, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { once } from '../shared/idempotency'
import { contactOverdueDays, householdOf, requireStaff, staffNameOf, toHouseholdItem } from './access'
import { checkId, inCampaignScope } from './campaign-scope'
import { appendHouseholdEvent, CASE_ROLES, writeScope } from './household-write'
import { requireEvidence } from './evidence'

/**
 * One household's six-item check (六清) in a campaign: caseworkers and reviewers of the
 * household's jurisdiction confirm the items while the campaign is open, then set the outcome.
 * Proposing deregistration also opens the proposal on the household file, which a reviewer then
 * decides there (`decideDeregistration`).
 */

const STALE = '核查记录已被他人更新，请刷新后再操作'

interface Target {
  campaign: Campaign
  rec: HouseholdRecord
  unit: OrgUnitRecord
  record: CheckRecord | null
}

/** The campaign, the household (of the actor's jurisdiction and the campaign's scope) and its record. Reads by id only. */
async function checkTarget(repos: Repositories, actor: Actor, input: { campaignId: string; householdId: string }): Promise<Target> {
  const { rec, unit } = await householdOf(repos, actor, input.householdId)
  const campaign = await repos.campaigns.get(input.campaignId)
  if (!campaign) throw new AppError('NOT_FOUND', '没有找到这个户户清活动', 'campaignId')
  if (!inCampaignScope(campaign, rec, unit)) throw new AppError('NOT_FOUND', '这户家庭不在该活动的核查范围内', 'householdId')
  return { campaign, rec, unit, record: await repos.checks.get(checkId(campaign.id, rec.id)) }
}

const mayCheck = (actor: Actor) => CASE_ROLES.some((r) => hasRole(actor, r))

/** The check page: the household, its record, and whether the caller may record now. */
export async function getCheck(deps: Deps, actor: Actor, input: { campaignId: string; householdId: string }): Promise<CheckView> {
  requireStaff(actor)
  const repos = deps.store.repos
  const { campaign, rec, unit, record } = await checkTarget(repos, actor, input)
  const household = toHouseholdItem(rec, unit.name, deps.clock.now(), await contactOverdueDays(repos, unit))
  return { campaign, household, record, mayRecord: campaign.status === 'open' && mayCheck(actor) && !record?.outcome }
}

function emptyRecord(campaign: Campaign, rec: HouseholdRecord, at: string): CheckRecord {
  return { id: checkId(campaign.id, rec.id), campaignId: campaign.id, householdId: rec.id, unitId: rec.unitId, items: {}, outcome: null, outcomeAt: null, outcomeBy: null, updatedAt: at, version: 0 }
}

/**
 * Confirms one item: 无变化, 有变化 (a note and at least one evidence photo of the household), or
 * unclear (with the reason). The first item creates the record.
 */
export async function confirmItem(deps: Deps, actor: Actor, input: v.InferOutput<typeof ConfirmItemSchema>, ctx: CallContext): Promise<CheckView> {
  requireStaff(actor, CASE_ROLES)
  const changed = input.confirmed && input.changed === true
  if (changed && input.evidenceIds.length === 0) throw new AppError('VALIDATION', changedWithoutEvidence(input), 'evidenceIds')
  const now = deps.clock.now()
  await deps.store.transaction((repos) =>
    once(repos, writeScope('confirmItem', actor, ctx, checkId(input.campaignId, input.householdId)), now, async () => {
      const { campaign, rec, record } = await checkTarget(repos, actor, input)
      const problem = confirmItemProblem(campaign, record)
      if (problem) throw new AppError('CONFLICT', problem)
      if (input.seenAt !== undefined && (record?.items[input.item]?.at ?? null) !== input.seenAt) throw new AppError('CONFLICT', '您离线期间，这一项已有新的登记，请查看后再提交')
      if (input.capturedAt && input.capturedAt > now.toISOString()) throw new AppError('VALIDATION', '填写时间不能晚于现在', 'capturedAt')
      await requireEvidence(repos, rec.id, input.evidenceIds)
      const at = now.toISOString()
      const base = record ?? emptyRecord(campaign, rec, at)
      const check = {
        confirmed: input.confirmed, changed, note: input.note, evidenceIds: input.evidenceIds, at, by: actor.openid, byName: await staffNameOf(repos, actor.openid),
        ...(input.capturedAt ? { capturedAt: input.capturedAt } : {}),
      }
      const next: CheckRecord = { ...withItem(base, input.item, check), version: base.version + 1 }
      if (!(await repos.checks.put(next, base.version))) throw new AppError('CONFLICT', STALE)
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'campaign.check.item',
        subject: next.id,
        detail: { campaignId: campaign.id, householdId: rec.id, item: input.item, confirmed: input.confirmed, changed, evidence: input.evidenceIds.length },
      })
      return { version: next.version }
    }),
  )
  return getCheck(deps, actor, input)
}

/** The check's conclusion once all six items are confirmed: keep on file, or propose deregistration (on the file too). */
export async function setOutcome(deps: Deps, actor: Actor, input: v.InferOutput<typeof CheckOutcomeSchema>, ctx: CallContext): Promise<CheckView> {
  requireStaff(actor, CASE_ROLES)
  if (input.outcome.kind === 'propose-deregistration') {
    if (input.outcome.evidenceIds.length === 0) throw new AppError('VALIDATION', DEREGISTRATION_EVIDENCE_MESSAGE, 'outcome.evidenceIds')
  }
  const now = deps.clock.now()
  await deps.store.transaction((repos) =>
    once(repos, writeScope('setOutcome', actor, ctx, checkId(input.campaignId, input.householdId)), now, async () => {
      const { campaign, rec, record } = await checkTarget(repos, actor, input)
      const problem = outcomeProblem(campaign, record)
      if (problem || !record) throw new AppError('CONFLICT', problem ?? STALE)
      const { outcome } = input
      const at = now.toISOString()
      const next: CheckRecord = { ...record, outcome, outcomeAt: at, outcomeBy: actor.openid, updatedAt: at, version: record.version + 1 }
      if (!(await repos.checks.put(next, record.version))) throw new AppError('CONFLICT', STALE)
      if (outcome.kind === 'propose-deregistration') {
        await requireEvidence(repos, rec.id, outcome.evidenceIds, 'outcome.evidenceIds')
        const body = { kind: 'deregistration-proposed', reason: outcome.reason, text: outcome.text, evidenceIds: outcome.evidenceIds, campaignId: campaign.id } as const
        await appendHouseholdEvent(deps, repos, actor, rec, body, now)
        await appendAudit(repos, deps.cipher, now, {
          actor: actor.openid,
          action: 'household.deregistration.propose',
          subject: rec.id,
          detail: { reason: outcome.reason, evidence: outcome.evidenceIds.length, campaignId: campaign.id },
        })
      }
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'campaign.check.outcome',
        subject: next.id,
        detail: {
          campaignId: campaign.id,
          householdId: rec.id,
          outcome: outcome.kind,
          ...(outcome.kind === 'keep' ? { groups: outcome.difficulties.map((d) => d.group) } : { reason: outcome.reason }),
        },
      })
      return { version: next.version }
    }),
  )
  return getCheck(deps, actor, input)
}
