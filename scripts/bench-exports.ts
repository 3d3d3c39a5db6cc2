/**
 * `npm run bench:exports`: the household and ledger exports at two sizes in one run, on a temporary
 * SQLite store with the local file folder (issue 14): 10,000 households with 50,000 ledger entries,
 * then the same store grown to 100,000 and 500,000. Each export runs from a collected heap; printed
 * per export and size: time, file size, the peak RSS and heap while it ran (sampled every 10 ms and
 * after every page) and their growth over the heap and RSS before it; then the growth ratios for 10x
 * the data. Each export runs once untimed first (modules loaded, code warmed). One `name=value` line per figure. Not a test: nothing asserts a time.
 *
 * The data is cloned through the store from one real filing: a worker's application submitted,
 * reviewed and filed by the use cases (the test support's household fixture), then each clone a
 * household with its own id, file number and ID number (sealed, keyed-hashed) and an application
 * with the same sealed form, so the export decrypts a real form per household. Ledger entries: five
 * approved payments a household, a measure on every fifth. Units rotate over the fixture's
 * grassroots units; the exporter is the city's admin and reviewer (whole jurisdiction, full file).
 *
 * `ledger_job_*` is the ledger export as the page runs it: an export job, its parts written one
 * after another as the timer writes them (up to TIMER_PART_MS each), then put together; its time is
 * from the start to the file, and `_parts` / `_longest_part_ms` say how it was cut.
 *
 * `ledger_reads_before` / `ledger_reads_after` (h14-ledger-growth) read every page of the city's
 * approved entries and their households' numbers and names as a part does, without writing rows, on
 * one read-only connection: before, as main read them until migration 54 (the list joined to the
 * entries by id, whole households by id); after, from migration 54's copy clustered by day paid and
 * its index of names. Same data, same run, one after the other at each size.
 *
 * Options (environment): BENCH_SMALL (10000), BENCH_FACTOR (10), BENCH_ENTRIES_PER (5), BENCH_ONLY
 * (a pattern of the exports to run, e.g. `ledger`).
 */
import { join } from 'node:path'
import { openReader, type Db } from '../server/adapters/sqlite/connection'
import { openSqliteStore } from '../server/adapters/sqlite'
import { LEDGER_APPROVED_LIST } from '../server/adapters/sqlite/migration-ledger-export'
import { HOUSEHOLD_NAMES_SQL, LEDGER_DAYS_PAGE } from '../server/adapters/sqlite/migration-ledger-reads'
import { prng } from '../server/local/prng'
import { demoIdNumber } from '../server/local/seed-households'
import type { Actor } from '../src/domain'
import type { ExportedFile } from '../src/domain/api/households'
import type { DisbursementEntry } from '../src/domain/ledger'
import type { ApplicationRecord, HouseholdRecord, Store } from '../server/ports'
import { exportHouseholds, exportLedger } from '../server/usecases/households/export'
import { exportStatus, runExportPart, TIMER_PART_MS } from '../server/usecases/households/export-jobs'
import { startLedgerExport } from '../server/usecases/households/ledger-export-job'
import { call, tempDir } from '../test/support/deps'
import { cloudbaseLikeTransactions, householdFixture, type HouseholdFixture } from '../test/support/households'

const SMALL = Number(process.env.BENCH_SMALL ?? 10_000)
const FACTOR = Number(process.env.BENCH_FACTOR ?? 10)
const PER = Number(process.env.BENCH_ENTRIES_PER ?? 5)
const UNITS = ['unit-a1', 'unit-a2', 'unit-a2x', 'unit-b1']
const BATCH = 2000
const ACTOR: Actor = { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

const gc = (globalThis as { gc?: () => void }).gc

/** Households `from`..`to` (exclusive) cloned from the filed one, each with its application and ledger entries. */
async function grow(f: HouseholdFixture, store: Store, model: { household: HouseholdRecord; app: ApplicationRecord; entry: DisbursementEntry; measureId: string }, from: number, to: number) {
  const random = prng(from + 1)
  for (let start = from; start < to; start += BATCH) {
    await store.transaction(async (repos) => {
      for (let i = start; i < Math.min(to, start + BATCH); i++) {
        const id = `bh-${String(i).padStart(7, '0')}`
        const idNumber = demoIdNumber(random)
        const unitId = UNITS[i % UNITS.length]
        const appId = `ba-${String(i).padStart(7, '0')}`
        await repos.applications.insert({ ...model.app, id: appId, number: `MLS-2020-${String(i + 1).padStart(7, '0')}`, applicantOpenid: `bw-${i}`, unitId, householdId: id, idNumberEnc: f.deps.cipher.encrypt(idNumber), idNumberHash: f.deps.cipher.keyedHash(idNumber) })
        await repos.households.insert({
          ...model.household,
          id,
          number: `MLS-H-2020-${String(i + 1).padStart(7, '0')}`,
          unitId,
          idNumberEnc: f.deps.cipher.encrypt(idNumber),
          idNumberHash: f.deps.cipher.keyedHash(idNumber),
          applicationIds: [appId],
        })
        for (let k = 0; k < PER; k++) {
          const paidOn = `20${String(15 + ((i + k) % 6)).padStart(2, '0')}-${String(1 + ((i * 7 + k) % 12)).padStart(2, '0')}-${String(1 + ((i + k * 5) % 28)).padStart(2, '0')}`
          await repos.ledger.append({ ...model.entry, id: `bp-${String(i).padStart(7, '0')}-${k}`, householdId: id, unitId, paidOn, amountFen: 10_000 + ((i * 37 + k * 101) % 90_000), measureId: k === 0 ? model.measureId : null } as DisbursementEntry)
        }
      }
    })
  }
}

/** Time spent in the store's reads an export makes, by read (the household scan is h14-queues' part). */
const readMs = { householdScan: 0, ledgerApprovedUnder: 0, applicationsGetMany: 0, householdsGetMany: 0, householdsNames: 0 }

function timeReads(store: Store): void {
  const time = <A extends unknown[], R>(key: keyof typeof readMs, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const t = performance.now()
    try {
      return await fn(...args)
    } finally {
      readMs[key] += performance.now() - t
    }
  }
  const { households, ledger, applications } = store.repos
  households.listPage = time('householdScan', households.listPage.bind(households))
  ledger.approvedUnder = time('ledgerApprovedUnder', ledger.approvedUnder.bind(ledger))
  households.getMany = time('householdsGetMany', households.getMany.bind(households))
  households.names = time('householdsNames', households.names.bind(households))
  applications.getMany = time('applicationsGetMany', applications.getMany.bind(applications))
}

interface Figures {
  reads: typeof readMs
  ms: number
  bytes: number
  rows: number
  rssPeak: number
  heapPeak: number
  /** Node's Buffers (the file's bytes on their way out), outside the JS heap. */
  buffersPeak: number
  rssGrowth: number
  heapGrowth: number
}

/** One export from a collected heap, memory sampled every 10 ms (the export yields after every page). */
async function measure(work: () => Promise<ExportedFile>): Promise<Figures> {
  gc?.()
  const before = process.memoryUsage()
  let rssPeak = before.rss
  let heapPeak = before.heapUsed
  let buffersPeak = before.arrayBuffers
  const sample = () => {
    const m = process.memoryUsage()
    rssPeak = Math.max(rssPeak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
    buffersPeak = Math.max(buffersPeak, m.arrayBuffers)
  }
  // BENCH_LIVE=1: collect before each sample, so the heap figures are what is live, not what the collector has not reached yet (slower; times then mean little).
  const live = process.env.BENCH_LIVE === '1' && gc
  const timer = setInterval(live ? () => (gc(), sample()) : sample, live ? 200 : 10)
  for (const k of Object.keys(readMs) as (keyof typeof readMs)[]) readMs[k] = 0
  const started = performance.now()
  const file = await work()
  const ms = performance.now() - started
  clearInterval(timer)
  sample()
  return { reads: { ...readMs }, ms, bytes: file.size, rows: file.rows, rssPeak, heapPeak, buffersPeak, rssGrowth: rssPeak - before.rss, heapGrowth: heapPeak - before.heapUsed }
}

/** The parts of the last export job: each one's time. */
let jobParts: number[] = []
let jobs = 0

/** The ledger export as a job: started, then its parts one after another until the file is ready. */
async function ledgerJob(f: HouseholdFixture, format: 'csv' | 'xlsx'): Promise<ExportedFile> {
  const started = await startLedgerExport(f.deps, ACTOR, { format }, call(`bench-ledger-job-${++jobs}`))
  jobParts = []
  for (;;) {
    const t = performance.now()
    const outcome = await runExportPart(f.deps, started.jobId, { ms: TIMER_PART_MS })
    jobParts.push(performance.now() - t)
    if (outcome === 'ready') break
    if (outcome !== 'written') throw new Error(`part ${jobParts.length}: ${outcome}`)
  }
  return (await exportStatus(f.deps, ACTOR, { jobId: started.jobId })).file!
}

/** The page statements of the ledger's reads before migration 54 (main until h14-ledger-growth) and after it. */
const READS = {
  before: {
    page: `SELECT r.doc, r.status, r.decision FROM list_entries e JOIN disbursements r ON r.id = e.id
      WHERE e.list = '${LEDGER_APPROVED_LIST}' AND e.ancestor_id = ? AND (e.sort, e.id) > (?, ?) AND e.sort <= ? ORDER BY e.sort, e.id LIMIT ?`,
    households: 'SELECT doc FROM households WHERE id IN (SELECT value FROM json_each(?))',
  },
  after: { page: LEDGER_DAYS_PAGE, households: HOUSEHOLD_NAMES_SQL },
}
const PAGE = 500
let reader: Db | null = null

/** Every page of the city's approved entries and their households, as a part reads them; the rows are counted, not written. */
async function ledgerReads(which: keyof typeof READS): Promise<ExportedFile> {
  const page = reader!.prepare(READS[which].page)
  const households = reader!.prepare(READS[which].households)
  let after = { paidOn: '', id: '' }
  let rows = 0
  let bytes = 0
  for (;;) {
    const t = performance.now()
    const entries = (page.all(ACTOR.unitId, after.paidOn, after.id, '9', PAGE) as { doc: string; decision: string }[]).map((r) => ({ ...(JSON.parse(r.doc) as DisbursementEntry), decision: JSON.parse(r.decision) as unknown }))
    readMs.ledgerApprovedUnder += performance.now() - t
    const u = performance.now()
    const found = households.all(JSON.stringify([...new Set(entries.map((e) => e.householdId))])) as { doc?: string; number?: string }[]
    for (const h of found) bytes += h.doc ? ((JSON.parse(h.doc) as HouseholdRecord).number.length) : h.number!.length
    readMs[which === 'before' ? 'householdsGetMany' : 'householdsNames'] += performance.now() - u
    rows += entries.length
    if (entries.length < PAGE) break
    after = { paidOn: entries.at(-1)!.paidOn, id: entries.at(-1)!.id }
    await new Promise((r) => setImmediate(r))
  }
  return { fileName: which, contentType: '', url: '', masked: true, size: bytes, rows, expiresAt: '' }
}

const ALL_EXPORTS: [string, (f: HouseholdFixture) => Promise<ExportedFile>][] = [
  ['household_xlsx', (f) => exportHouseholds(f.deps, ACTOR, { format: 'xlsx', full: true, reason: '基准测试' })],
  ['household_csv', (f) => exportHouseholds(f.deps, ACTOR, { format: 'csv', full: true, reason: '基准测试' })],
  ['ledger_xlsx', (f) => exportLedger(f.deps, ACTOR, { format: 'xlsx' })],
  ['ledger_csv', (f) => exportLedger(f.deps, ACTOR, { format: 'csv' })],
  ['ledger_job_xlsx', (f) => ledgerJob(f, 'xlsx')],
  ['ledger_job_csv', (f) => ledgerJob(f, 'csv')],
  ['ledger_reads_before', () => ledgerReads('before')],
  ['ledger_reads_after', () => ledgerReads('after')],
]
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null
const EXPORTS = ALL_EXPORTS.filter(([name]) => !ONLY || ONLY.test(name))

const mb = (n: number) => (n / 1024 / 1024).toFixed(1)

function print(size: string, name: string, r: Figures) {
  const p = `${name}_${size}`
  console.log(`${p}_ms=${r.ms.toFixed(0)}`)
  for (const [k, v] of Object.entries(r.reads)) if (v > 0) console.log(`${p}_${k}_ms=${v.toFixed(0)}`)
  const rest = r.ms - Object.values(r.reads).reduce((a, b) => a + b, 0)
  console.log(`${p}_besides_reads_ms=${rest.toFixed(0)}`)
  console.log(`${p}_rows=${r.rows}`)
  console.log(`${p}_file_mb=${mb(r.bytes)}`)
  console.log(`${p}_rss_peak_mb=${mb(r.rssPeak)}`)
  console.log(`${p}_rss_growth_mb=${mb(r.rssGrowth)}`)
  console.log(`${p}_heap_peak_mb=${mb(r.heapPeak)}`)
  console.log(`${p}_heap_growth_mb=${mb(r.heapGrowth)}`)
  console.log(`${p}_buffers_peak_mb=${mb(r.buffersPeak)}`)
  if (name.includes('_job_')) {
    console.log(`${p}_parts=${jobParts.length}`)
    console.log(`${p}_longest_part_ms=${Math.max(...jobParts).toFixed(0)}`)
  }
}

async function main() {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'lantian.db')
  const f = await householdFixture(cloudbaseLikeTransactions(openSqliteStore(file)))
  const store = f.deps.store
  reader = openReader(file)
  timeReads(store)
  try {
    const filed = await f.file('unit-a1')
    const household = (await store.repos.households.get(filed.id))!
    const app = (await store.repos.applications.get(household.applicationIds.at(-1)!))!
    // One measure of the filed household and the payment every clone's entries are copied from.
    const at = household.filedAt
    const measureId = 'bm-0'
    await store.repos.measures.insert({ id: measureId, householdId: filed.id, unitId: household.unitId, kind: 'living', description: '发放生活救助金', status: 'in-progress', outcome: '', createdAt: at, createdBy: 'o-caseworker', createdByName: '李娟', updatedAt: at, version: 1 })
    const entry: DisbursementEntry = {
      id: 'bp-model', householdId: filed.id, unitId: household.unitId, kind: 'payment', amountFen: 50_000, reversesId: null, reason: '', fundSource: 'union', measureId,
      paidOn: '2020-01-15', payeeAccountMasked: '6228 **** 9012', recordedBy: 'o-caseworker', recordedByName: '李娟', note: '春节慰问', createdAt: at, budgetId: null,
      status: 'approved', decision: { status: 'approved', by: 'o-reviewer', byName: '周敏', at, note: '' },
    }
    const model = { household, app, entry, measureId }
    const sizes: [string, number][] = [['small', SMALL], ['large', SMALL * FACTOR]]
    const results = new Map<string, Figures>()
    let have = 0
    console.log(`bench:exports households_small=${SMALL} households_large=${SMALL * FACTOR} entries_per_household=${PER} gc=${gc ? 'yes' : 'no'}`)
    for (const [size, households] of sizes) {
      const t = performance.now()
      await grow(f, store, model, have, households)
      have = households
      console.log(`load_${size}_ms=${(performance.now() - t).toFixed(0)}`)
      console.log(`households_${size}=${households + 1}`)
      console.log(`entries_${size}=${households * PER}`)
      for (const [name, work] of EXPORTS) {
        // Once untimed at the first size: module loading and the JIT's warm-up are not the export's growth.
        if (size === 'small') await work(f)
        const r = await measure(() => work(f))
        results.set(`${name}_${size}`, r)
        print(size, name, r)
      }
    }
    for (const [name] of EXPORTS) {
      const s = results.get(`${name}_small`)!
      const l = results.get(`${name}_large`)!
      console.log(`${name}_time_growth=${(l.ms / s.ms).toFixed(2)}`)
      const besides = (x: Figures) => x.ms - Object.values(x.reads).reduce((a, b) => a + b, 0)
      console.log(`${name}_besides_reads_growth=${(besides(l) / besides(s)).toFixed(2)}`)
      console.log(`${name}_rss_peak_growth=${(l.rssPeak / s.rssPeak).toFixed(2)}`)
      console.log(`${name}_heap_peak_growth=${(l.heapPeak / s.heapPeak).toFixed(2)}`)
      console.log(`${name}_buffers_peak_growth=${(l.buffersPeak / s.buffersPeak).toFixed(2)}`)
    }
  } finally {
    reader?.close()
    await f.close()
    await store.close()
    cleanup()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
