import type { CheckRecord } from '../../../src/domain/campaign'
import type { CalendarDate } from '../../../src/domain/calendar'
import { counts, type DisbursementEntry } from '../../../src/domain/ledger'
import type { HouseholdQuery, HouseholdRecord, HouseholdScanCursor, Repositories } from '../../ports'

/**
 * Reading many records a page at a time (dashboards, campaigns, exports): `visit` sees one page
 * and may keep what it needs of it, so no caller holds every record at once. All are queries.
 */

/** Records per page read. */
export const SCAN_PAGE = 500

/** Units per scan call (one `in` list on CloudBase). */
export const SCAN_UNITS = 1000

/**
 * Every household of the query, however many units: a page at a time, unit by unit in id order
 * (per chunk of 1000 units), each page a range read in index order after the last one (no sort).
 */
export async function forEachHouseholdPage(repos: Repositories, query: HouseholdQuery, visit: (page: HouseholdRecord[]) => void | Promise<void>): Promise<void> {
  const unitIds = [...new Set(query.unitIds)].sort()
  for (let i = 0; i < unitIds.length; i += SCAN_UNITS) {
    const chunk = { ...query, unitIds: unitIds.slice(i, i + SCAN_UNITS) }
    let after: HouseholdScanCursor | null = null
    for (;;) {
      const page = await repos.households.scan(chunk, after, SCAN_PAGE)
      if (page.length) await visit(page)
      if (page.length < SCAN_PAGE) break
      const last = page[page.length - 1]
      after = { unitId: last.unitId, id: last.id }
    }
  }
}

/**
 * Every approved ledger entry of the units paid in [from, to], a page at a time in id order: what
 * the dashboard and exports count (pending and rejected entries are not money paid).
 */
export async function forEachLedgerPage(
  repos: Repositories,
  query: { unitIds: readonly string[]; from?: CalendarDate; to?: CalendarDate },
  visit: (page: DisbursementEntry[]) => void | Promise<void>,
): Promise<void> {
  let after: string | null = null
  for (;;) {
    const page = await repos.ledger.scan(query, after, SCAN_PAGE)
    const approved = page.filter(counts)
    if (approved.length) await visit(approved)
    if (page.length < SCAN_PAGE) break
    after = page[page.length - 1].id
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
