/**
 * `npx tsx test/cloudbase-standin/bench-ordered-reads.ts`: what the stand-in itself spends on the
 * ledger export's ordered list read (`ledger.approvedUnder`: {unitPath, status, paidOn range}
 * ordered by paidOn, _id, pages of 1,000), without HTTP or latency, at 5,000 and 50,000 entries:
 * once with the collection's declared indexes (as deploy creates them) and once with none (every
 * document tested and the matches sorted, as the stand-in answered every such read before). Also
 * what the writes cost with the indexes kept up to date. Prints `name=value unit` lines. Not a test.
 *
 * Options (environment): BENCH_SMALL (5000), BENCH_LARGE (50000) entries.
 */
import { performance } from 'node:perf_hooks'
import { dispatch } from './actions'
import { Engine } from './engine'
import { Schema, type StandinIndex } from './schema'

const SMALL = Number(process.env.BENCH_SMALL ?? 5000)
const LARGE = Number(process.env.BENCH_LARGE ?? 50000)
const PAGE = 1000
const DAYS = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10))

/** The disbursements collection's declared indexes (server/adapters/cloudbase/ledger-repository.ts). */
const LEDGER_INDEXES: StandinIndex[] = (
  [
    [['householdId', 1], ['createdAt', 1], ['_id', 1]],
    [['unitId', 1], ['_id', 1], ['paidOn', 1]],
    [['unitPath', 1], ['status', 1], ['createdAt', 1], ['_id', 1]],
    [['unitPath', 1], ['status', 1], ['paidOn', 1], ['_id', 1]],
  ] as StandinIndex['keys'][]
).map((keys) => ({ name: keys.map(([f, d]) => `${f}_${d === 1 ? 'asc' : 'desc'}`).join('_'), keys, unique: false }))

/** Entry `i` of a city of 10 towns of 10 villages: approved but for one in ten, days paid spread, ids not in day order. */
function entry(i: number, n: number) {
  const village = i % 100
  return {
    _id: `e${String((i * 7919) % n).padStart(8, '0')}`,
    householdId: `h${Math.floor(i / 5)}`,
    unitId: `v${village}`,
    unitPath: ['city', `t${village % 10}`, `v${village}`],
    status: i % 10 === 0 ? 'pending' : 'approved',
    paidOn: DAYS[(i * 37) % DAYS.length],
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    amountFen: 50000,
    recordedBy: 'o-cadre',
  }
}

async function measure(n: number, indexed: boolean) {
  const engine = new Engine(new Schema())
  engine.schema.create('disbursements')
  if (indexed) for (const index of LEDGER_INDEXES) engine.createIndex('disbursements', index)
  const w0 = performance.now()
  for (let i = 0; i < n; i++) await dispatch(engine, { action: 'database.insertDocument', collectionName: 'disbursements', data: [entry(i, n)] })
  const writeMs = performance.now() - w0
  const read = (query: object, order: object) =>
    dispatch(engine, { action: 'database.getDocument', collectionName: 'disbursements', queryType: 'WHERE', query, order, offset: 0, limit: PAGE }).then((r) => (r.data as { list: string[] }).list.map((s) => JSON.parse(s) as { _id: string; paidOn: string }))
  // The export's pages, as approvedUnder reads them: the rest of the last day by _id, then the days after it.
  const t0 = performance.now()
  let pages = 0
  let rows = 0
  let after: { _id: string; paidOn: string } | undefined
  for (;;) {
    const under = { unitPath: 'city', status: 'approved' }
    const tie = after ? await read({ $and: [under, { paidOn: after.paidOn, _id: { $gt: after._id } }] }, { _id: 1 }) : []
    const rest = tie.length >= PAGE ? [] : await read({ $and: [under, ...(after ? [{ paidOn: { $gt: after.paidOn } }] : [{ paidOn: { $gte: DAYS[0] } }])] }, { paidOn: 1, _id: 1 })
    const page = [...tie, ...rest].slice(0, PAGE)
    pages++
    rows += page.length
    if (page.length < PAGE) break
    after = page[page.length - 1]
  }
  const readMs = performance.now() - t0
  return { writeMs, readMs, pages, rows }
}

async function main() {
  // Warm up the code paths once, so the first size does not pay for compiling them.
  await measure(2000, true)
  await measure(2000, false)
  const lines: string[] = []
  for (const indexed of [true, false]) {
    const small = await measure(SMALL, indexed)
    const large = await measure(LARGE, indexed)
    const kind = indexed ? 'indexed' : 'scan'
    const perPage = (f: { readMs: number; pages: number }) => f.readMs / f.pages
    console.log(`${kind}: ${SMALL} entries ${small.rows} rows in ${small.pages} pages ${small.readMs.toFixed(0)} ms; ${LARGE} entries ${large.rows} rows in ${large.pages} pages ${large.readMs.toFixed(0)} ms`)
    lines.push(
      `${kind}_small_read_ms=${small.readMs.toFixed(0)} ms`,
      `${kind}_large_read_ms=${large.readMs.toFixed(0)} ms`,
      `${kind}_small_per_page_ms=${perPage(small).toFixed(1)} ms`,
      `${kind}_large_per_page_ms=${perPage(large).toFixed(1)} ms`,
      `${kind}_read_growth=${(large.readMs / small.readMs).toFixed(2)} x`,
      `${kind}_small_write_us_per_entry=${((small.writeMs / SMALL) * 1000).toFixed(0)} us`,
      `${kind}_large_write_us_per_entry=${((large.writeMs / LARGE) * 1000).toFixed(0)} us`,
    )
  }
  for (const line of lines) console.log(line)
}

void main()
