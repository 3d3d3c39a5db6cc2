import { CALL_TASKS, DISBURSEMENTS, INVITATIONS, LEDGER_TALLIES, ORG_UNITS, PERSON_REQUESTS, PROBLEM_REPORTS, STAFF, STATIONS } from './collections'
import { readDoc, readRange, type QueryRef, type Scope, type StoredDoc } from './types'

/**
 * Applications and households keep their unit's path (the ids from the top of the tree down to
 * the unit) as `unitPath`, so a jurisdiction is one equality on a multikey index: every record
 * whose path holds the jurisdiction's unit, however many units it has.
 */
export const UNIT_PATH = 'unitPath'

/** Collections besides applications and households whose lists are read under any unit by `unitPath` (data migration 017). */
export const UNIT_LIST_COLLECTIONS = [CALL_TASKS, STAFF, INVITATIONS] as const

/** Collections given `unitPath` by data migration 019 (person requests). */
export const UNIT_LIST_COLLECTIONS_019 = [PERSON_REQUESTS] as const

/** Collections given `unitPath` by data migration 020 (stations' problem reports). */
export const UNIT_LIST_COLLECTIONS_020 = [PROBLEM_REPORTS] as const

/** Collections given `unitPath` by data migration 021 (the ledger's entries, for the pending list). */
export const UNIT_LIST_COLLECTIONS_021 = [DISBURSEMENTS] as const

/** Collections given `unitPath` by data migration 029 (the counts of pending ledger entries per unit and recorder). */
export const UNIT_LIST_COLLECTIONS_029 = [LEDGER_TALLIES] as const

/** Collections given `unitPath` by data migration 024 (the stations, for the admin's list). */
export const UNIT_LIST_COLLECTIONS_024 = [STATIONS] as const

/** The path of the unit as stored now; a unit that does not exist (yet) is its own path. Works inside transactions (a read by _id). */
export async function unitPathOf(scope: Scope, unitId: string): Promise<string[]> {
  const unit = await readDoc(scope, ORG_UNITS, unitId)
  return Array.isArray(unit?.path) ? (unit.path as string[]) : [unitId]
}

/**
 * Up to `limit` documents of `query(...)` in (`field`, _id) order (`desc`: newest first) after
 * `after` (the first page: null): the rest of the last page's `field` value, then the values after
 * it. Two plain index ranges (no `$or`), each read in index order, however deep the page.
 */
export async function readAfter(
  scope: Scope,
  query: (where: object) => QueryRef,
  field: string,
  after: { value: string; id: string } | null,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
): Promise<StoredDoc[]> {
  if (limit <= 0) return []
  const _ = scope.command
  const beyond = (v: string) => (order === 'asc' ? _.gt(v) : _.lt(v))
  const tie = after ? await readRange(query({ [field]: after.value, _id: beyond(after.id) }).orderBy('_id', order), 0, limit) : []
  if (tie.length >= limit) return tie
  const rest = await readRange(query(after ? { [field]: beyond(after.value) } : {}).orderBy(field, order).orderBy('_id', order), 0, limit - tie.length)
  return [...tie, ...rest]
}

/** Rewrites `unitPath` of the collection's documents of each unit (outside transactions; idempotent). */
export async function spreadUnitPaths(scope: Scope, collection: string, units: readonly { id: string; path: readonly string[] }[]): Promise<number> {
  let changed = 0
  for (const u of units) {
    const { updated } = await scope.collection(collection).where({ unitId: u.id }).update({ [UNIT_PATH]: scope.command.set([...u.path]) })
    changed += updated ?? 0
  }
  return changed
}
