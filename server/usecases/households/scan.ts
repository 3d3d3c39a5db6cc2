import type { CheckRecord } from '../../../src/domain/campaign'
import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { HouseholdStatus } from '../../../src/domain/household'
import type { HouseholdPageQuery, HouseholdRecord, LedgerCursor, LedgerRange, OrgUnitRecord, Repositories } from '../../ports'

/**
 * Reading many records a page at a time (dashboards, campaigns, exports): `visit` sees one page
 * and may keep what it needs of it, so no caller holds every record at once. All are queries.
 */

/** Records per page read. */
export const SCAN_PAGE = 500

/**
 * Every household under `query.under` (its subtree, however many units; of `query.status` when
 * given), a page at a time by file number: each page one index range after the last one (no sort,
 * no list of units), so a deep page costs what the first does.
 */
export async function forEachHouseholdPage(repos: Repositories, query: { under: string; status?: HouseholdStatus }, visit: (page: HouseholdRecord[]) => void | Promise<void>): Promise<void> {
  let after: HouseholdPageQuery['after'] = null
  for (;;) {
    const page = await repos.households.listPage({ ...query, after, limit: SCAN_PAGE })
    if (page.length) await visit(page)
    if (page.length < SCAN_PAGE) break
    const last = page[page.length - 1]
    after = { number: last.number, id: last.id }
  }
}

/**
 * The units of a page's households, read by id the first time one is met (`known` keeps them
 * across pages: a page's unit ids at most, however large the jurisdiction). A query.
 */
export async function unitsOfPage(repos: Repositories, known: Map<string, OrgUnitRecord>, page: readonly HouseholdRecord[]): Promise<Map<string, OrgUnitRecord>> {
  const missing = [...new Set(page.map((h) => h.unitId))].filter((id) => !known.has(id))
  if (missing.length) for (const u of await repos.units.getMany(missing)) known.set(u.id, u)
  return known
}

/**
 * Every approved ledger entry under `under` (its subtree, however many units) paid in [from, to]
 * (either end open), a page at a time by the day paid then id: each page one index range after the
 * last one read (`ledger.approvedUnder`, what the export job reads), no list of units. Pending and
 * rejected entries are not money paid.
 */
export async function forEachLedgerPage(repos: Repositories, under: string, range: LedgerRange, visit: (page: DisbursementEntry[]) => void | Promise<void>): Promise<void> {
  let after: LedgerCursor | null = null
  for (;;) {
    const page = await repos.ledger.approvedUnder(under, range, after, SCAN_PAGE)
    if (page.length) await visit(page)
    if (page.length < SCAN_PAGE) break
    const last = page[page.length - 1]
    after = { paidOn: last.paidOn, id: last.id }
  }
}

/** Every check record of a campaign. */
export async function allCheckRecords(repos: Repositories, campaignId: string): Promise<CheckRecord[]> {
  const out: CheckRecord[] = []
  let after: string | null = null
  for (;;) {
    const page = await repos.checks.scan(campaignId, after, SCAN_PAGE)
    out.push(...page)
    if (page.length < SCAN_PAGE) break
    after = page[page.length - 1].id
  }
  return out
}

/** Runs `work` over `items`, at most `limit` at once (lookups per page without flooding the database). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
