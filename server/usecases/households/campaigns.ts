import type * as v from 'valibot'
import { AppError, maskName, type Actor } from '../../../src/domain'
import type { CampaignHousehold, CampaignItem, CampaignView } from '../../../src/domain/api/households'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { Campaign, CampaignProgress } from '../../../src/domain/campaign'
import type { CloseCampaignSchema, OpenCampaignSchema } from '../../../src/domain/campaign-schemas'
import type { CallContext, Deps, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { contentTarget, once } from '../shared/idempotency'
import { adminUnit, requireAdmin, unitInJurisdiction } from '../shared/jurisdiction'
import { requireStaff, staffNameOf } from './access'
import { scopeAndProgress, scopeUnits, visibleCampaign } from './campaign-scope'
import { keptCampaignProgress } from './dashboard'
import { writeScope } from './household-write'

export { confirmItem, getCheck, setOutcome } from './campaign-checks'

/**
 * 户户清 campaigns: an admin opens one for units of their jurisdiction and closes it; staff whose
 * jurisdiction overlaps its scope see it with its progress per scope unit.
 */

/** Where the next page of campaigns starts: after the campaign starting on `s` with id `i`. */
const isCampaignPosition = (v: unknown): v is { s: string; i: string } => hasStrings(v, ['s', 'i'])

/**
 * The campaigns that concern the caller's jurisdiction (a scope unit under or above their unit,
 * in a tree of any size), newest first, a page at a time by cursor, each with its progress in total.
 */
export async function listCampaigns(deps: Deps, actor: Actor, input: { cursor?: string; pageSize: number }): Promise<CursorPage<CampaignItem>> {
  requireStaff(actor)
  const repos = deps.store.repos
  const own = await repos.units.get(actor.unitId)
  if (!own) throw new AppError('NOT_FOUND', '没有找到您所在的单位')
  const at = decodeCursor(input.cursor, isCampaignPosition)
  const [found, total] = await Promise.all([
    repos.campaigns.listFor(own, at && { startsOn: at.s, id: at.i }, input.pageSize + 1),
    repos.campaigns.countFor(own),
  ])
  const shown = found.slice(0, input.pageSize)
  const last = shown[shown.length - 1]
  const items = await Promise.all(shown.map(async (c) => ({ ...c, progress: await campaignTotal(repos, c) })))
  return { items, total, pageSize: input.pageSize, nextCursor: found.length > input.pageSize ? encodeCursor({ s: last.startsOn, i: last.id }) : null }
}

/**
 * A campaign's progress in total from the store's kept counts (a few counts per scope unit under
 * the tree's root, as the dashboard reads them), not a scan of its scope's households; a scope
 * spanning more than one tree is scanned.
 */
async function campaignTotal(repos: Repositories, campaign: Campaign): Promise<CampaignProgress['total']> {
  const scope = await scopeUnits(repos, campaign)
  const top = scope[0] ? await repos.units.get(scope[0].path[0]) : null
  if (top && scope.every((u) => u.path[0] === top.id)) return (await keptCampaignProgress(repos, campaign, top)).total
  return (await scopeAndProgress(repos, campaign)).progress.total
}

/** An admin opens a campaign for units of their jurisdiction (a unit elsewhere is NOT_FOUND). */
export async function openCampaign(deps: Deps, actor: Actor, input: v.InferOutput<typeof OpenCampaignSchema>, ctx: CallContext): Promise<Campaign> {
  requireAdmin(actor)
  const now = deps.clock.now()
  return deps.store.transaction((repos) =>
    once(repos, writeScope('openCampaign', actor, ctx, contentTarget(input)), now, async () => {
      for (const id of input.unitIds) await adminUnit(repos, actor, id, 'unitIds')
      const campaign: Campaign = {
        id: deps.ids.newId(),
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        unitIds: input.unitIds,
        status: 'open',
        createdAt: now.toISOString(),
        createdBy: actor.openid,
        createdByName: await staffNameOf(repos, actor.openid),
        version: 1,
      }
      await repos.campaigns.insert(campaign)
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'campaign.open',
        subject: campaign.id,
        detail: { unitIds: campaign.unitIds, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
      })
      return campaign
    }),
  )
}

/** Ends a campaign: no more checks. Only an admin whose jurisdiction holds its whole scope may. */
export async function closeCampaign(deps: Deps, actor: Actor, input: v.InferOutput<typeof CloseCampaignSchema>, ctx: CallContext): Promise<Campaign> {
  requireAdmin(actor)
  const now = deps.clock.now()
  return deps.store.transaction((repos) =>
    once(repos, writeScope('closeCampaign', actor, ctx, input.campaignId), now, async () => {
      const campaign = await visibleCampaign(repos, actor, input.campaignId)
      for (const u of await scopeUnits(repos, campaign)) {
        if (!(await unitInJurisdiction(repos, actor, u.id))) throw new AppError('FORBIDDEN', '活动范围超出您的管辖范围，请由上级管理员结束活动')
      }
      if (campaign.version !== input.expectedVersion) throw new AppError('CONFLICT', '活动已被他人更新，请刷新后再操作')
      if (campaign.status === 'closed') throw new AppError('CONFLICT', '该户户清活动已结束')
      const next: Campaign = { ...campaign, status: 'closed', version: campaign.version + 1 }
      if (!(await repos.campaigns.update(next, campaign.version))) throw new AppError('CONFLICT', '活动已被他人更新，请刷新后再操作')
      await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'campaign.close', subject: campaign.id, detail: { version: next.version } })
      return next
    }),
  )
}

/**
 * A campaign with its progress per scope unit (over its whole scope) and a page of its households
 * that lie in the caller's jurisdiction, by file number, with their check state.
 */
export async function getCampaign(
  deps: Deps,
  actor: Actor,
  input: { campaignId: string; page: number; pageSize: number; pendingOnly: boolean },
): Promise<CampaignView> {
  requireStaff(actor)
  const repos = deps.store.repos
  const campaign = await visibleCampaign(repos, actor, input.campaignId)
  const own: { id: string; number: string; headName: string; unitId: string }[] = []
  const { scope, progress, records: all, units } = await scopeAndProgress(repos, campaign, (rec, unit) => {
    if (unit.path.includes(actor.unitId)) own.push({ id: rec.id, number: rec.number, headName: rec.headName, unitId: rec.unitId })
  })
  const inScope = new Set(Object.values(scope).flat())
  const records = new Map(all.map((r) => [r.householdId, r]))
  const rows = own
    .filter((h) => inScope.has(h.id) && (!input.pendingOnly || !records.get(h.id)?.outcome))
    .sort((a, b) => a.number.localeCompare(b.number))
  const start = (input.page - 1) * input.pageSize
  const items: CampaignHousehold[] = rows.slice(start, start + input.pageSize).map((h) => {
    const r = records.get(h.id)
    return {
      householdId: h.id,
      number: h.number,
      headNameMasked: maskName(h.headName),
      unitName: units.get(h.unitId)?.name ?? '',
      itemsConfirmed: r ? Object.values(r.items).filter((i) => i?.confirmed).length : 0,
      outcome: r?.outcome?.kind ?? null,
    }
  })
  const unitNames = Object.fromEntries(campaign.unitIds.map((id) => [id, units.get(id)?.name ?? '']))
  return { campaign, progress, unitNames, households: { items, total: rows.length, page: input.page, pageSize: input.pageSize } }
}
