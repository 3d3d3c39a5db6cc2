import { AppError, type Actor } from '../../../src/domain'
import { campaignProgress, campaignScope, type Campaign, type CampaignProgress, type CheckRecord, type ScopedHousehold } from '../../../src/domain/campaign'
import type { StatusEvent } from '../../../src/domain/household'
import type { HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { allCheckRecords, forEachHouseholdPage, unitsOfPage } from './scan'

/**
 * Who sees a campaign, which households it covers, and its progress. A campaign's scope is its
 * units with their subtrees; it concerns everyone whose jurisdiction overlaps that scope.
 */

/** A check record's id: one per campaign and household (CheckRepository). */
export const checkId = (campaignId: string, householdId: string) => `${campaignId}:${householdId}`

/** Whether two units' subtrees overlap: one of them lies under (or is) the other. */
export const overlaps = (a: OrgUnitRecord, b: OrgUnitRecord) => a.path.includes(b.id) || b.path.includes(a.id)

/** The scope's units that exist (a deleted unit drops out). Reads by id, so it works inside transactions. */
export async function scopeUnits(repos: Repositories, campaign: Campaign): Promise<OrgUnitRecord[]> {
  const out: OrgUnitRecord[] = []
  // One at a time: a transaction's reads stay in order (and a scope holds a few units).
  for (const id of campaign.unitIds) {
    const unit = await repos.units.get(id)
    if (unit) out.push(unit)
  }
  return out
}

/** Whether the campaign's scope overlaps the subtree of `unit` (the actor's, or one they chose). */
export async function campaignConcerns(repos: Repositories, campaign: Campaign, unit: OrgUnitRecord): Promise<boolean> {
  return (await scopeUnits(repos, campaign)).some((u) => overlaps(u, unit))
}

/** The campaign when it concerns the actor's jurisdiction, else NOT_FOUND. */
export async function visibleCampaign(repos: Repositories, actor: Actor & { unitId: string }, campaignId: string): Promise<Campaign> {
  const campaign = await repos.campaigns.get(campaignId)
  const own = await repos.units.get(actor.unitId)
  if (!campaign || !own || !(await campaignConcerns(repos, campaign, own))) throw new AppError('NOT_FOUND', '没有找到这个户户清活动', 'campaignId')
  return campaign
}

/** Only the entries that change the status: all that scope and status replay read. */
export const statusEvents = (history: readonly StatusEvent[]): StatusEvent[] =>
  history.filter((e) => e.kind === 'filed' || e.kind === 'refiled' || e.kind === 'deregistered').map((e) => ({ at: e.at, kind: e.kind }))

/** Whether one household (with its unit) is in the campaign's scope. */
export function inCampaignScope(campaign: Campaign, rec: Pick<HouseholdRecord, 'id' | 'history'>, unit: OrgUnitRecord): boolean {
  return Object.values(campaignScope(campaign, [{ id: rec.id, unitPath: unit.path, history: rec.history }])).some((ids) => ids.length > 0)
}

/** The outermost of `units`, each once: those not under another of them (so each household is scanned once). */
export function outermost(units: readonly OrgUnitRecord[]): OrgUnitRecord[] {
  const unique = [...new Map(units.map((u) => [u.id, u])).values()]
  return unique.filter((u) => !unique.some((o) => o.id !== u.id && u.path.includes(o.id)))
}

/**
 * The campaign's households by scope unit, and its progress; `visit` also sees each scanned
 * household. Scans under each outermost scope unit by its path (no list of units); `units` holds
 * the scope units and those of the households met.
 */
export async function scopeAndProgress(
  repos: Repositories,
  campaign: Campaign,
  visit?: (rec: HouseholdRecord, unit: OrgUnitRecord) => void,
): Promise<{ scope: Record<string, string[]>; progress: CampaignProgress; records: CheckRecord[]; units: Map<string, OrgUnitRecord> }> {
  const roots = await scopeUnits(repos, campaign)
  const units = new Map(roots.map((u) => [u.id, u]))
  const scoped: ScopedHousehold[] = []
  for (const root of outermost(roots)) {
    await forEachHouseholdPage(repos, { under: root.id }, async (page) => {
      await unitsOfPage(repos, units, page)
      for (const rec of page) {
        const unit = units.get(rec.unitId)
        if (!unit) continue
        scoped.push({ id: rec.id, unitPath: unit.path, history: statusEvents(rec.history) })
        visit?.(rec, unit)
      }
    })
  }
  const scope = campaignScope(campaign, scoped)
  const records = await allCheckRecords(repos, campaign.id)
  return { scope, progress: campaignProgress(records, scope), records, units }
}
