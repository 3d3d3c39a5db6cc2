/**
 * First data for a real union: the union tree and the policy parameters from CSV files. Every row
 * of both files is checked first; nothing is written when any row is bad; all writes happen in
 * one transaction.
 */
import type { OrgUnitRecord, PolicyRecord, Store } from '../ports'
import { FileProblem, readCsvRecords, type CsvRecord } from '../usecases/shared/csv'
import { DEFAULT_SHEET_LIMITS, type SheetLimits } from '../usecases/shared/sheet-limits'
import type { ImportProblem } from './columns'
import { checkPolicies, referencedPolicyUnits } from './policy'
import { checkUnits, referencedUnitIds } from './units'

export { formatProblem, type ImportProblem } from './columns'
export { DEADLINE_STAGES } from './policy'

/** A union's tree may hold thousands of grassroots unions; every other cap is the imports' own. */
export const UNION_FILE_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, maxBytes: 4 * 1024 * 1024, maxRows: 20_000 }

export interface ImportFile {
  /** Shown in messages, e.g. `units.csv`. */
  name: string
  bytes: Uint8Array
}

export type ImportResult =
  | { ok: true; units: OrgUnitRecord[]; newUnits: number; policies: PolicyRecord[]; written: boolean }
  | { ok: false; problems: ImportProblem[] }

function read(file: ImportFile | undefined, problems: ImportProblem[]): CsvRecord[] | null {
  if (!file) return null
  try {
    return readCsvRecords(file.bytes, UNION_FILE_LIMITS)
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err
    problems.push(err.line ? { file: file.name, line: err.line, message: err.message } : { file: file.name, message: err.message })
    return null
  }
}

async function lookUp(store: Store, ids: string[]): Promise<Map<string, OrgUnitRecord>> {
  const found = new Map<string, OrgUnitRecord>()
  for (let i = 0; i < ids.length; i += 20) {
    const batch = await Promise.all(ids.slice(i, i + 20).map((id) => store.repos.units.get(id)))
    for (const u of batch) if (u) found.set(u.id, u)
  }
  return found
}

export async function importUnionData(store: Store, files: { units?: ImportFile; policy?: ImportFile }, options: { dryRun: boolean }): Promise<ImportResult> {
  const problems: ImportProblem[] = []
  const unitRecords = read(files.units, problems)
  const policyRecords = read(files.policy, problems)
  if (problems.length) return { ok: false, problems }

  const ids = [...new Set([...(unitRecords ? referencedUnitIds(unitRecords) : []), ...(policyRecords ? referencedPolicyUnits(policyRecords) : [])])]
  const stored = await lookUp(store, ids)

  let units: OrgUnitRecord[] = []
  if (unitRecords && files.units) {
    const checked = checkUnits(unitRecords, files.units.name, { units: stored, roots: await store.repos.units.children(null) })
    if ('problems' in checked) problems.push(...checked.problems)
    else units = checked.units
  }
  let policies: PolicyRecord[] = []
  if (policyRecords && files.policy) {
    const inFile = new Set(units.map((u) => u.id))
    const named = unitRecords ? new Set(referencedUnitIds(unitRecords)) : new Set<string>()
    // A unit of a units file that failed its own checks is reported there, not again here.
    const checked = checkPolicies(policyRecords, files.policy.name, (id) => inFile.has(id) || stored.has(id) || (problems.length > 0 && named.has(id)))
    if ('problems' in checked) problems.push(...checked.problems)
    else policies = checked.policies
  }
  if (problems.length) return { ok: false, problems }

  if (!options.dryRun) {
    const before = new Map(await Promise.all(policies.map(async (p) => [p.unitId, (await store.repos.policies.get(p.unitId))?.contactOverdueDays] as const)))
    await store.transaction(async (repos) => {
      for (const u of units) await repos.units.put(u)
      for (const p of policies) await repos.policies.put(p)
    })
    // A unit the file moved: its cases and households are found under its new place.
    const moved = units.filter((u) => stored.has(u.id) && stored.get(u.id)!.path.join('/') !== u.path.join('/'))
    await store.repos.units.spreadPaths(moved)
    // Overdue contacts and spells on file are kept under the units above a household, with its policy's days.
    for (const u of moved) await store.repos.contactClocks.rebuildUnder(u.id)
    for (const p of policies) if (p.contactOverdueDays !== before.get(p.unitId)) await store.repos.contactClocks.rebuildUnder(p.unitId)
  }
  return { ok: true, units, newUnits: units.filter((u) => !stored.has(u.id)).length, policies, written: !options.dryRun }
}
