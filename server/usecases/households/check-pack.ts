import { hasRole, type Actor } from '../../../src/domain'
import { CHECK_PACK_SIZE, type CheckPack, type PackedCheck } from '../../../src/domain/api/households'
import type { CheckRecord } from '../../../src/domain/campaign'
import type { Deps, HouseholdRecord, OrgUnitRecord } from '../../ports'
import { contactOverdueDays, householdRoot, requireStaff, toHouseholdItem } from './access'
import { inCampaignScope, outermost, overlaps, scopeUnits, visibleCampaign } from './campaign-scope'
import { CASE_ROLES } from './household-write'
import { allCheckRecords, forEachHouseholdPage, unitsOfPage } from './scan'

/** The record as kept on a phone: who recorded each item by name only. */
const withoutIds = (r: CheckRecord): CheckRecord => ({
  ...r,
  outcomeBy: null,
  items: Object.fromEntries(Object.entries(r.items).map(([k, i]) => [k, i && { ...i, by: '' }])),
})

/**
 * The open campaign's households of the caller's jurisdiction whose check has no conclusion yet,
 * the first CHECK_PACK_SIZE by file number, each as its check page shows it (masked): kept on the
 * phone, a household never opened with signal can still be checked at a forest farm without one.
 * Reads the campaign's check records and the jurisdiction's households in the scope a page at a
 * time (as the campaign page does), holding no more than the few it returns.
 */
export async function checkPack(deps: Deps, actor: Actor, input: { campaignId: string }): Promise<CheckPack> {
  requireStaff(actor)
  const repos = deps.store.repos
  const now = deps.clock.now()
  const campaign = await visibleCampaign(repos, actor, input.campaignId)
  const at = now.toISOString()
  if (campaign.status !== 'open' || !CASE_ROLES.some((r) => hasRole(actor, r))) return { campaign, checks: [], at }
  const own = await householdRoot(repos, actor)
  // Where the scope and the jurisdiction meet: the scope units under the caller's unit, or the caller's unit under one of them.
  const roots = outermost((await scopeUnits(repos, campaign)).filter((r) => overlaps(r, own)).map((r) => (r.path.includes(own.id) ? r : own)))
  const units = new Map<string, OrgUnitRecord>()
  const records = new Map((await allCheckRecords(repos, campaign.id)).map((r) => [r.householdId, r]))
  // The first few by file number, kept sorted as pages arrive.
  let chosen: { rec: HouseholdRecord; unit: OrgUnitRecord }[] = []
  for (const root of roots) {
    await forEachHouseholdPage(repos, { under: root.id }, async (page) => {
      await unitsOfPage(repos, units, page)
      for (const rec of page) {
        const unit = units.get(rec.unitId)
        if (!unit || records.get(rec.id)?.outcome || !inCampaignScope(campaign, rec, unit)) continue
        if (chosen.length === CHECK_PACK_SIZE && rec.number >= chosen[CHECK_PACK_SIZE - 1].rec.number) continue
        chosen = [...chosen, { rec, unit }].sort((a, b) => a.rec.number.localeCompare(b.rec.number)).slice(0, CHECK_PACK_SIZE)
      }
    })
  }
  const overdue = new Map<string, number>()
  for (const { unit } of chosen) if (!overdue.has(unit.id)) overdue.set(unit.id, await contactOverdueDays(repos, unit))
  const checks = chosen.map(({ rec, unit }): PackedCheck => {
    const record = records.get(rec.id)
    return { household: { ...toHouseholdItem(rec, unit.name, now, overdue.get(unit.id)!), cadres: [] }, record: record ? withoutIds(record) : null }
  })
  return { campaign, checks, at }
}
