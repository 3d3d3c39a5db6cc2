/**
 * `import:households`: households already filed in the national system (全国工会帮扶工作管理系统)
 * brought in from the files the household and ledger exports write, so an export of one
 * environment imports into another and exports again to the same file. Every file is read by the
 * bounded sheet reader in its own thread; every row of every file is checked, and all problems are
 * reported at once (by file, line and column) with nothing written. Each person's ID number is
 * checked by its keyed hash against the households and the live applications of the store. The
 * writes go in batches of whole households, each batch one transaction of at most `BATCH_WRITES`
 * writes (a household with more goes alone), a few batches at once; a rerun (or a run stopped
 * halfway and started again) skips the households written before, known by the claim on the ID
 * number's hash holding an imported file of the same number. One audit event records the import,
 * also one that failed partway.
 */
import { OPEN_STATUSES } from '../../../src/domain'
import type { Deps, OrgUnitRecord, Repositories, Store } from '../../ports'
import { mapLimited } from '../../usecases/households/scan'
import { appendAudit } from '../../usecases/shared/audit'
import { householdMemberOfId } from '../../usecases/applicant/duplicates'
import { householdOf, openApplicationForId } from '../../usecases/shared/claim-keys'
import { FileProblem, type SheetTable } from '../../usecases/shared/csv'
import { readSheetOffThread, type ThreadBounds } from '../../usecases/shared/sheet-worker/read-off-thread'
import { DEFAULT_SHEET_LIMITS, type SheetLimits } from '../../usecases/shared/sheet-limits'
import type { ImportFile } from '../index'
import type { ImportProblem } from '../columns'
import { readHouseholdRows, type HouseholdRow } from './household-rows'
import { readLedgerRows } from './ledger-rows'
import { mergeMembers } from './members'
import { readContactRows, readMeasureRows, readMemberRows } from './part-rows'
import { IMPORT_ACTOR, importIds, importStamp, isImported, planHousehold, writesOf, type HouseholdPlan } from './records'

/** A union's files: a few thousand households and their ledger since 2017. */
export const HOUSEHOLD_FILE_LIMITS: SheetLimits = { ...DEFAULT_SHEET_LIMITS, maxBytes: 16 * 1024 * 1024, maxRows: 50_000, maxColumns: 60 }

/** An operator's run on their own machine reads a larger file than a function may: more time and memory for its thread. */
const HOUSEHOLD_THREAD_BOUNDS: ThreadBounds = {
  deadlineMs: 120_000,
  resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, codeRangeSizeMb: 16, stackSizeMb: 4 },
}

/** Batches in flight at once. */
const PARALLEL_BATCHES = 4

/** People looked up in the store at once. */
const LOOKUPS = 20

/** Writes per transaction: far under CloudBase's transaction size, and a batch that fails costs little to redo. */
export const BATCH_WRITES = 100

export interface HouseholdImportFiles {
  households: ImportFile
  ledger?: ImportFile
  members?: ImportFile
  measures?: ImportFile
  contacts?: ImportFile
}

export type HouseholdImportResult =
  | { ok: false; problems: ImportProblem[] }
  | { ok: true; written: boolean; households: number; skipped: number; measures: number; entries: number; contacts: number; batches: number }

type ImportDeps = Pick<Deps, 'store' | 'clock' | 'ids' | 'cipher'>

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

async function read(file: ImportFile | undefined, problems: ImportProblem[]): Promise<SheetTable | null> {
  if (!file) return null
  try {
    return await readSheetOffThread(isZip(file.bytes) ? 'xlsx' : 'csv', file.bytes, HOUSEHOLD_FILE_LIMITS, HOUSEHOLD_THREAD_BOUNDS)
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err
    problems.push(err.line ? { file: file.name, line: err.line, message: err.message } : { file: file.name, message: err.message })
    return null
  }
}

/** Every unit of the store by name (a name used twice maps to null: it cannot say which). */
async function unitsByName(store: Store): Promise<Map<string, OrgUnitRecord | null>> {
  const out = new Map<string, OrgUnitRecord | null>()
  for (const root of await store.repos.units.children(null)) {
    for (const u of await store.repos.units.subtree(root.id)) out.set(u.name, out.has(u.name) ? null : u)
  }
  return out
}

/** The first of `keys` that is claimed: the same number under the current or an older data key. */
async function firstClaim(repos: Repositories, keys: string[]) {
  for (const key of keys) {
    const claim = await repos.claims.get(key)
    if (claim) return claim
  }
  return null
}

/** Whether the row's person is free to import: 'new', 'done' (imported before), or a problem was recorded. */
async function personState(repos: Repositories, plan: HouseholdPlan, file: string, problems: ImportProblem[]): Promise<'new' | 'done' | 'bad'> {
  const column = '身份证号'
  const filed = await firstClaim(repos, plan.idNumberHashes.map(householdOf))
  if (filed) {
    const other = await repos.households.get(filed.holder)
    if (other && isImported(other.id) && other.number === plan.household.number) return 'done'
    problems.push({ file, line: plan.row.line, column, message: `该身份证号已有档案（档案编号${other?.number ?? filed.holder}），不能重复导入` })
    return 'bad'
  }
  const open = await firstClaim(repos, plan.idNumberHashes.map(openApplicationForId))
  const app = open && open.holder !== plan.application.id ? await repos.applications.get(open.holder) : null
  if (app && (OPEN_STATUSES.includes(app.status) || app.status === 'filed')) {
    problems.push({ file, line: plan.row.line, column, message: `该身份证号已有正在办理的帮扶申请（申请编号${app.number}），请先办结该申请` })
    return 'bad'
  }
  const sameNumber = (await repos.households.search(plan.household.unitId, plan.household.number, 5)).find((h) => h.number === plan.household.number)
  if (sameNumber) {
    problems.push({ file, line: plan.row.line, column: '档案编号', message: `档案编号已被另一户使用（户主${sameNumber.headName.slice(0, 1)}**）` })
    return 'bad'
  }
  return 'new'
}

function duplicatesInFile(rows: HouseholdRow[], file: string, problems: ImportProblem[]) {
  const numbers = new Map<string, number>()
  const ids = new Map<string, number>()
  for (const r of rows) {
    if (numbers.has(r.number)) problems.push({ file, line: r.line, column: '档案编号', message: `与第 ${numbers.get(r.number)} 行的档案编号相同` })
    if (ids.has(r.idNumber)) problems.push({ file, line: r.line, column: '身份证号', message: `与第 ${ids.get(r.idNumber)} 行的身份证号相同` })
    numbers.set(r.number, numbers.get(r.number) ?? r.line)
    ids.set(r.idNumber, ids.get(r.idNumber) ?? r.line)
  }
}

/** One batch's writes, in its transaction; a household found written (a concurrent or earlier run) is left as it is. */
async function writeBatch(repos: Repositories, batch: HouseholdPlan[]): Promise<number> {
  let written = 0
  for (const p of batch) {
    const claim = await repos.claims.get(householdOf(p.household.idNumberHash))
    const holder = claim && (await repos.households.get(claim.holder))
    if (holder && isImported(holder.id) && holder.number === p.household.number) continue
    if (claim || !(await repos.claims.create(householdOf(p.household.idNumberHash), p.household.id))) throw new Error(`household ${p.row.number} was filed while importing; run the import again`)
    const openKey = openApplicationForId(p.household.idNumberHash)
    if (await repos.claims.get(openKey)) await repos.claims.release(openKey)
    await repos.claims.create(openKey, p.application.id)
    await repos.applications.insert(p.application)
    // Contacts first: the household's clock then keeps their days, and its spells are written once, with the household.
    for (const c of p.contacts) await repos.contacts.add(c)
    await repos.households.insert(p.household)
    for (const m of p.measures) await repos.measures.insert(m)
    for (const e of p.entries) await repos.ledger.append(e)
    // A member's number already listed by another application stays with it (filing flags, never refuses, such a member).
    for (const hash of p.memberIdHashes) if (!(await repos.claims.get(householdMemberOfId(hash)))) await repos.claims.create(householdMemberOfId(hash), p.application.id)
    written++
  }
  return written
}

/** Plans in batches of whole households, each at most BATCH_WRITES writes (a larger household alone). */
function batchesOf(plans: HouseholdPlan[]): HouseholdPlan[][] {
  const out: HouseholdPlan[][] = []
  let current: HouseholdPlan[] = []
  let writes = 0
  for (const p of plans) {
    if (current.length && writes + writesOf(p) > BATCH_WRITES) {
      out.push(current)
      current = []
      writes = 0
    }
    current.push(p)
    writes += writesOf(p)
  }
  if (current.length) out.push(current)
  return out
}

export async function importHouseholds(deps: ImportDeps, files: HouseholdImportFiles, options: { dryRun: boolean; operator: string }): Promise<HouseholdImportResult> {
  const problems: ImportProblem[] = []
  const tables = { households: await read(files.households, problems), ledger: await read(files.ledger, problems), members: await read(files.members, problems), measures: await read(files.measures, problems), contacts: await read(files.contacts, problems) }
  const rows = tables.households ? readHouseholdRows(files.households.name, tables.households, problems) : []
  duplicatesInFile(rows, files.households.name, problems)
  const numbers = new Set(rows.map((r) => r.number))
  const knows = (n: string) => numbers.has(n)
  const part = <T>(name: keyof typeof tables, reader: (file: string, t: SheetTable, k: typeof knows, p: ImportProblem[]) => T[]): T[] => {
    const table = tables[name]
    const file = files[name]
    return table && file ? reader(file.name, table, knows, problems) : []
  }
  const ledger = part('ledger', readLedgerRows)
  const measures = part('measures', readMeasureRows)
  const contacts = part('contacts', readContactRows)
  if (files.members) mergeMembers(rows, part('members', readMemberRows), files.households.name, files.members.name, problems)
  const units = await unitsByName(deps.store)
  const now = deps.clock.now()
  const ids = importIds(now)
  const byNumber = <T extends { number: string }>(list: T[]) => {
    const out = new Map<string, T[]>()
    for (const x of list) {
      const group = out.get(x.number)
      if (group) group.push(x)
      else out.set(x.number, [x])
    }
    return out
  }
  const [ledgerOf, measuresOf, contactsOf] = [byNumber(ledger), byNumber(measures), byNumber(contacts)]
  const candidates: HouseholdPlan[] = []
  for (const row of rows) {
    const unit = units.get(row.unitName)
    if (!unit) {
      problems.push({ file: files.households.name, line: row.line, column: '所属工会', message: unit === null ? `有两个单位都叫“${row.unitName}”，请先改名区分` : `没有名为“${row.unitName}”的单位，请先用 import:union 导入单位` })
      continue
    }
    const parts = { ledger: ledgerOf.get(row.number) ?? [], measures: measuresOf.get(row.number) ?? [], contacts: contactsOf.get(row.number) ?? [] }
    candidates.push(planHousehold(deps.cipher, ids, row, unit, parts, now))
  }
  // The store is asked about several people at once; their problems are reported in the order of the rows.
  const checked = await mapLimited(candidates, LOOKUPS, async (plan) => {
    const own: ImportProblem[] = []
    return { plan, own, state: await personState(deps.store.repos, plan, files.households.name, own) }
  })
  for (const c of checked) problems.push(...c.own)
  const plans = checked.filter((c) => c.state === 'new').map((c) => c.plan)
  const skipped = checked.filter((c) => c.state === 'done').length
  if (problems.length) return { ok: false, problems }

  const batches = batchesOf(plans)
  const count = (of: (p: HouseholdPlan) => unknown[]) => plans.reduce((n, p) => n + of(p).length, 0)
  const summary = { households: plans.length, skipped, measures: count((p) => p.measures), entries: count((p) => p.entries), contacts: count((p) => p.contacts), batches: batches.length }
  if (options.dryRun) return { ok: true, written: false, ...summary }
  // Batches write disjoint documents (each household's own records and its person's claims), so a few run at once.
  const outcomes = await mapLimited(batches, PARALLEL_BATCHES, (batch) =>
    deps.store.transaction((repos) => writeBatch(repos, batch)).then(
      (written) => ({ written, error: null }),
      (error: unknown) => ({ written: 0, error }),
    ),
  )
  const written = outcomes.reduce((n, o) => n + o.written, 0)
  const failed = outcomes.filter((o) => o.error !== null)
  // One event for the import, written or partly written: what it wrote stays, and a rerun finishes it.
  await deps.store.transaction((repos) =>
    appendAudit(repos, deps.cipher, deps.clock.now(), {
      actor: `${IMPORT_ACTOR}:${options.operator}`,
      action: 'household.import',
      subject: `import-${deps.ids.newId()}`,
      // The records of this import are those with ids `imp-<kind>-<stamp>-<line>` (records.ts).
      detail: { files: Object.values(files).flatMap((f: ImportFile | undefined) => (f ? [f.name] : [])), ...summary, households: written, failedBatches: failed.length, stamp: importStamp(now) },
    }),
  )
  if (failed.length) {
    const first = failed[0].error
    throw new Error(`${failed.length} of ${batches.length} batches failed (${first instanceof Error ? first.message : String(first)}); ${written} households were written: run the same import again to finish it`)
  }
  return { ok: true, written: true, ...summary, households: written }
}
