/**
 * `npm run bench:queues`: the review queue of a province (issue 14) on a temporary SQLite store,
 * at 100,000 and 1,000,000 applications (half of them open, in the queue's five stages; the rest
 * filed or closed), over a tree of 1 province, 10 cities, 200 counties and 3,000 streets. Each
 * figure is the median of a few runs of the `queue` use case itself (the page, every stage's
 * counts and the units' names): first page and a deep page (page 100, walked to by cursor; a
 * street holds fewer, so its last full page) for a street caseworker, a city reviewer and the province.
 * Beside each, the index-ordered read of the same page in the same run: the page's 20 records read
 * by primary key in queue order (what any page costs at least), and the ratio. Then the growth
 * from 100,000 to 1,000,000 for each page. The street caseworker's street holds 2% of all applications.
 * The province's 电话联系 list (a call task for one application in 50) and 公示 list (the cases in
 * 待公示 carry a running notice) are measured the same way, first page and page 100, beside the
 * index-ordered read of their records (call tasks: the tasks and their applications), and so is
 * the province's 个人信息请求 list (a request for one application in 100, four in five open; read:
 * the requests and their applications), and the admin's list of pending problem reports (a report
 * for one application in 100, half pending; read: the reports by id), and the province reviewer's
 * 资金审批 list (a ledger payment for one application in 100, three in four pending; read: the
 * entries by id and their households' ids; its parts alone too: the page of entries, the pending
 * count and the reviewer's own pending entries, `ledger_province_*_part_*`), and the admin's 户户清
 * campaigns (one opened for the unit of one application in 100, one in five for its county; each
 * listed with its progress; read: the campaigns by id) and stations (one on the unit of one
 * application in 100; read: the stations by id). The province's
 * counts alone are timed at NOW and at a later instant that sums the most tally rows of a month
 * (`counts_province_*`), and the 公示 list's count alone at the same two instants
 * (`notices_count_province_*`). Not a test: nothing asserts a time.
 *
 * Options (environment): BENCH_SIZES (default "100000,1000000"), BENCH_RUNS (15), BENCH_PAGE (20).
 * Prints `name=value unit` lines.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bindRepositories, openSqliteStore } from '../server/adapters/sqlite'
import { openDatabase } from '../server/adapters/sqlite/connection'
import { ledgerRepository } from '../server/adapters/sqlite/ledger-repository'
import type { ApplicationRecord, Deps, OrgUnitRecord, Store } from '../server/ports'
import { randomIds } from '../server/runtime'
import { listCampaigns } from '../server/usecases/households/campaigns'
import { listStations } from '../server/usecases/stations/manage-stations'
import { campaignRecord } from '../test/support/household-records'
import { stationRecord } from '../test/support/stations'
import { listCallTasks } from '../server/usecases/review/calls'
import { listNotices } from '../server/usecases/review/notices'
import { listPersonRequests } from '../server/usecases/lifecycle/person-requests'
import { listReports } from '../server/usecases/stations/station-reports'
import { pendingLedger } from '../server/usecases/households/ledger-decisions'
import { reviewQueue } from '../server/usecases/review/queue'
import type { Actor } from '../src/domain'
import type { QueueResult } from '../src/domain/api/review'
import { QUEUE_STAGES } from '../src/domain/review'

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const PAGE = Number(process.env.BENCH_PAGE ?? 20)
const DEEP = 100
const NOW = new Date('2026-03-05T06:00:00.000Z')
const CLOSED = ['filed', 'filed', 'filed', 'rejected', 'withdrawn'] as const
/** The street the caseworker works in: a busy one, with 2% of all applications (as in the 20,000 / 100,000 open). */
const BUSY_STREET = 'c3k07s04'
const BUSY_SHARE = 0.02
/** One application in this many has an open call task. */
const CALL_EVERY = 50
/** One application in this many has a person's request about its data (four in five open). */
const REQUEST_EVERY = 100
/** One application in this many has a 户户清 campaign opened for its unit (street) or, one in five, its county. */
const CAMPAIGN_EVERY = 100
/** An instant whose overdue counts sum the most tally rows of a month (ten-days '2', day 9 of them, hours '1', hour 9). */
const LATE = '2026-03-29T19:59:59.999Z'

/** prov → city0..9 → county (20 each) → street (15 each). */
function tree(): { units: OrgUnitRecord[]; streets: string[] } {
  const units: OrgUnitRecord[] = [{ id: 'prov', name: '省总工会', parentId: null, path: ['prov'] }]
  const streets: string[] = []
  for (let c = 0; c < 10; c++) {
    const city = `c${c}`
    units.push({ id: city, name: `市${c}`, parentId: 'prov', path: ['prov', city] })
    for (let k = 0; k < 20; k++) {
      const county = `${city}k${String(k).padStart(2, '0')}`
      units.push({ id: county, name: `县${c}-${k}`, parentId: city, path: ['prov', city, county] })
      for (let s = 0; s < 15; s++) {
        const street = `${county}s${String(s).padStart(2, '0')}`
        units.push({ id: street, name: `街道${c}-${k}-${s}`, parentId: county, path: ['prov', city, county, street] })
        streets.push(street)
      }
    }
  }
  return { units, streets }
}

/** A deterministic generator (mulberry32), so both sizes hold the same shape. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function application(i: number, streets: string[], rnd: () => number): ApplicationRecord {
  const open = rnd() < 0.5
  const at = new Date(NOW.getTime() - Math.floor(rnd() * 90 * 86_400_000)).toISOString()
  const due = rnd() < 0.1 ? null : new Date(NOW.getTime() + Math.floor((rnd() - 0.5) * 60 * 86_400_000)).toISOString()
  const id = `app-${String(i).padStart(8, '0')}`
  return {
    id, number: `MLS-2026-${String(i).padStart(7, '0')}`, applicantOpenid: `w-${i}`, unitId: rnd() < BUSY_SHARE ? BUSY_STREET : streets[Math.floor(rnd() * streets.length)],
    status: open ? QUEUE_STAGES[Math.floor(rnd() * QUEUE_STAGES.length)] : CLOSED[Math.floor(rnd() * CLOSED.length)],
    version: 3, name: `张${i % 997}`, idNumberEnc: 'v1.bench', idNumberHash: `h-${i}`, phoneEnc: 'v1.bench', employer: '弥勒市农机厂', mainCause: 'illness',
    timeline: [{ status: 'submitted', at }], createdAt: at, updatedAt: at, stageEnteredAt: at, dueAt: due,
  }
}

const endsOf = (a: ApplicationRecord) => a.dueAt ?? '2026-04-01T00:00:00.000Z'
/** A case in 待公示 carries the notice it is under (ending at its deadline), so the 公示 list shows it. */
const withNotice = (a: ApplicationRecord): ApplicationRecord =>
  a.status !== 'publicizing'
    ? a
    : { ...a, noticeEndsAt: endsOf(a), review: [{ kind: 'notice-started', id: `n-${a.id}`, at: a.createdAt, by: 'o-r', byName: '审核员', days: 7, endsAt: endsOf(a), category: 'relative' }] }

/** A store holding the tree and `n` applications, written through the repositories (their triggers keep the queue's entries and counters). */
function build(file: string, n: number): number {
  const started = performance.now()
  const { units, streets } = tree()
  const db = openDatabase(file)
  const repos = bindRepositories(db)
  // The ledger without the dashboard's figures (their fold is asynchronous; no household here has figures).
  const ledger = ledgerRepository(db)
  const rnd = random(20260305)
  db.transaction(() => units.forEach((u) => void repos.units.put(u)))()
  for (let i = 0; i < n; i += 10_000) {
    db.transaction(() => {
      for (let j = i; j < Math.min(n, i + 10_000); j++) {
        const a = withNotice(application(j, streets, rnd))
        void repos.applications.insert(a)
        if (j % CALL_EVERY === 0) {
          const openedAt = new Date(NOW.getTime() - (j % 86_400) * 60_000).toISOString()
          void repos.callTasks.put({ id: `call:${a.id}`, applicationId: a.id, unitId: a.unitId, status: 'open', openedAt, reasons: ['no-subscription'], occasions: ['bench'], attempts: 0, doneAt: null })
        }
        if (j % CAMPAIGN_EVERY === 0) {
          const unit = (j / CAMPAIGN_EVERY) % 5 === 0 ? a.unitId.slice(0, -3) : a.unitId
          const startsOn = new Date(NOW.getTime() - ((j / CAMPAIGN_EVERY) % 700) * 86_400_000).toISOString().slice(0, 10)
          void repos.campaigns.insert(campaignRecord(`camp-${String(j).padStart(8, '0')}`, { unitIds: [unit], startsOn, endsOn: '2027-12-31' }))
        }
        if (j % REQUEST_EVERY === 0) {
          const dueOn = new Date(NOW.getTime() + ((j / REQUEST_EVERY) % 45) * 86_400_000).toISOString().slice(0, 10)
          const status = j % (5 * REQUEST_EVERY) === 0 ? 'done' : 'open'
          void repos.personRequests.put({ id: `pr-${a.id}`, kind: 'copy', applicationId: a.id, unitId: a.unitId, note: '本人要求复制申请资料', receivedOn: '2026-03-01', dueOn, status, openedBy: 'o-r', version: 1 }, 0)
          // A station's problem report on the same unit: half pending, the rest resolved or rejected.
          const reportStatus = (['pending', 'resolved', 'pending', 'rejected'] as const)[(j / REQUEST_EVERY) % 4]
          void repos.problemReports.insert({ id: `rep-${a.id}`, stationId: `st-${j}`, stationName: '职工驿站', unitId: a.unitId, problem: 'wrong-hours', note: '', reporterOpenid: a.applicantOpenid, status: reportStatus, version: 1, createdAt: a.createdAt, decidedAt: null, decidedBy: null, decisionNote: '' })
          // A station of the same unit (the admin's stations list).
          void repos.stations.upsert(stationRecord({ id: `st-${String(j).padStart(8, '0')}`, externalId: `SE-${j}`, unitId: a.unitId, name: `职工驿站${j}` }))
          // A payment to a household of the same unit: three in four waiting for a reviewer.
          const decided = (j / REQUEST_EVERY) % 4 === 3
          void ledger.append({
            id: `pay-${a.id}`, kind: 'payment', householdId: `hh-${a.id}`, unitId: a.unitId, amountFen: 50_000, fundSource: 'union', measureId: null, paidOn: '2026-03-01',
            payeeAccountMasked: '6222 **** 0123', reversesId: null, reason: '', recordedBy: j % (3 * REQUEST_EVERY) === 0 ? 'o-prov' : 'o-w', recordedByName: '周敏', note: '', createdAt: a.createdAt, budgetId: null,
            status: decided ? 'approved' : 'pending', decision: decided ? { status: 'approved', by: 'o-r', byName: '审核员', at: a.createdAt, note: '' } : null,
          })
        }
      }
    })()
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return performance.now() - started
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The median time of `work` over RUNS runs (after one to warm up). */
async function time(work: () => Promise<unknown>): Promise<number> {
  await work()
  const out: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    await work()
    out.push(performance.now() - t)
  }
  return median(out)
}

/** The cursor of page `page` (or of the last page, when there are fewer), walked from the first. */
async function cursorOf(deps: Deps, actor: Actor, page: number): Promise<{ cursor: string | undefined; page: number }> {
  let cursor: string | undefined
  let at = 1
  for (; at < page; at++) {
    const r: QueueResult = await reviewQueue(deps, actor, { stage: 'submitted', pageSize: PAGE, ...(cursor ? { cursor } : {}) })
    if (!r.nextCursor) break
    cursor = r.nextCursor
  }
  return { cursor, page: at }
}

/**
 * A list read page by page: the first and page DEEP (walked to by cursor; in a shorter list its
 * last full page, so both sizes read as many records), beside the index-ordered read of the page's records.
 */
async function measureList(
  key: string,
  page: (cursor: string | undefined) => Promise<{ nextCursor: string | null; items: unknown[] }>,
  indexed: (reply: { nextCursor: string | null }) => Promise<unknown>,
  out: Map<string, number>,
): Promise<void> {
  let cursor: string | undefined
  let before: string | undefined
  let at = 1
  for (; at < DEEP; at++) {
    const r = await page(cursor)
    if (!r.nextCursor) break
    before = cursor
    cursor = r.nextCursor
  }
  if (at > 1 && (await page(cursor)).items.length < PAGE) {
    cursor = before
    at--
  }
  for (const [which, c, n] of [['first', undefined, 1], ['deep', cursor, at]] as const) {
    const reply = await page(c)
    const list = await time(() => page(c))
    const index = await time(() => indexed(reply))
    out.set(`${key}_${which}`, list)
    console.log(`${key}_${which}_page=${n}`)
    console.log(`${key}_${which}_ms=${list.toFixed(2)} ms`)
    console.log(`${key}_${which}_index_ordered_ms=${index.toFixed(2)} ms`)
    console.log(`${key}_${which}_ratio=${(list / index).toFixed(2)}`)
  }
}

async function measure(store: Store, size: number, out: Map<string, number>): Promise<void> {
  const deps = { store, clock: { now: () => NOW }, ids: randomIds, settings: { applicationPrefix: 'MLS', defaultUnitId: 'prov' } } as unknown as Deps
  const read = (ids: string[]) => Promise.all(ids.map((id) => store.repos.applications.get(id)))
  const who: [string, Actor][] = [
    ['street', { openid: 'o-street', roles: ['caseworker'], unitId: BUSY_STREET }],
    ['city', { openid: 'o-city', roles: ['reviewer'], unitId: 'c3' }],
    ['province', { openid: 'o-prov', roles: ['reviewer'], unitId: 'prov' }],
  ]
  for (const [name, actor] of who) {
    // The deep page: page 100, or the last full page of a smaller queue.
    const total = (await store.repos.applications.stageCountsUnder(actor.unitId!, NOW.toISOString())).submitted.total
    for (const [which, page] of [['first', 1], ['deep', Math.max(1, Math.min(DEEP, Math.floor(total / PAGE)))]] as const) {
      const at = await cursorOf(deps, actor, page)
      const input = { stage: 'submitted' as const, pageSize: PAGE, ...(at.cursor ? { cursor: at.cursor } : {}) }
      const ids = (await reviewQueue(deps, actor, input)).items.map((i) => i.id)
      const queue = await time(() => reviewQueue(deps, actor, input))
      const indexed = await time(() => read(ids))
      const key = `queue_${name}_${which}_${size}`
      out.set(key, queue)
      console.log(`${key}_page=${at.page}`)
      console.log(`${key}_ms=${queue.toFixed(2)} ms`)
      console.log(`${key}_index_ordered_ms=${indexed.toFixed(2)} ms`)
      console.log(`${key}_ratio=${(queue / indexed).toFixed(2)}`)
    }
  }
  const prov: Actor = { openid: 'o-prov', roles: ['reviewer', 'caseworker', 'admin'], unitId: 'prov' }
  const readCalls = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof listCallTasks>>).items
    await Promise.all(items.map((i) => store.repos.callTasks.get(`call:${i.applicationId}`)))
    await read(items.map((i) => i.applicationId))
  }
  await measureList(`calls_province_${size}`, (cursor) => listCallTasks(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readCalls, out)
  const readNotices = async (reply: { nextCursor: string | null }) => {
    const numbers = (reply as Awaited<ReturnType<typeof listNotices>>).items.map((n) => n.number)
    // MLS-2026-0000123 is app-00000123.
    await read(numbers.map((n) => `app-${n.slice(-7).padStart(8, '0')}`))
  }
  await measureList(`notices_province_${size}`, (cursor) => listNotices(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readNotices, out)
  const readRequests = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof listPersonRequests>>).items
    await Promise.all(items.map((r) => store.repos.personRequests.get(r.id)))
    await read(items.map((r) => r.applicationId))
  }
  await measureList(`requests_province_${size}`, (cursor) => listPersonRequests(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readRequests, out)
  const readReports = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof listReports>>).items
    await Promise.all(items.map((r) => store.repos.problemReports.get(r.id)))
  }
  const readLedger = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof pendingLedger>>).items
    await Promise.all(items.map((i) => store.repos.ledger.get(i.entry.id)))
    await Promise.all(items.map((i) => store.repos.households.get(i.entry.householdId)))
  }
  await measureList(`ledger_province_${size}`, (cursor) => pendingLedger(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readLedger, out)
  // The 资金审批 list's parts alone: the page of entries, the pending count, the reviewer's own pending entries.
  const firstLedger = await store.repos.ledger.pendingUnder('prov', null, PAGE + 1)
  for (const [part, work] of [
    ['page', () => store.repos.ledger.pendingUnder('prov', null, PAGE + 1)],
    ['next_page', async () => store.repos.ledger.pendingUnder('prov', { createdAt: firstLedger[PAGE].createdAt, id: firstLedger[PAGE].id }, PAGE + 1)],
    ['count', () => store.repos.ledger.countPendingUnder('prov')],
    ['own_count', () => store.repos.ledger.countPendingUnder('prov', 'o-prov')],
  ] as const) {
    const ms = await time(work)
    out.set(`ledger_part_${part}_${size}`, ms)
    console.log(`ledger_province_${size}_part_${part}_ms=${ms.toFixed(3)} ms`)
  }
  await measureList(`reports_province_${size}`, (cursor) => listReports(deps, prov, { status: 'pending', pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readReports, out)
  // 户户清 campaigns (the campaigns and, for each, its scope's households: none here) and the admin's stations (the records and their units).
  const readCampaigns = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof listCampaigns>>).items
    await Promise.all(items.map((c) => store.repos.campaigns.get(c.id)))
  }
  await measureList(`campaigns_province_${size}`, (cursor) => listCampaigns(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readCampaigns, out)
  const readStations = async (reply: { nextCursor: string | null }) => {
    const items = (reply as Awaited<ReturnType<typeof listStations>>).items
    await Promise.all(items.map((st) => store.repos.stations.get(st.id)))
  }
  await measureList(`stations_province_${size}`, (cursor) => listStations(deps, prov, { pageSize: PAGE, ...(cursor ? { cursor } : {}) }), readStations, out)
  for (const [which, now] of [['now', NOW.toISOString()], ['late', LATE]] as const) {
    const ms = await time(() => store.repos.applications.stageCountsUnder('prov', now))
    console.log(`counts_province_${which}_${size}_ms=${ms.toFixed(2)} ms`)
    // The 公示 list's count alone (migration 47: the ended-but-unrecorded notices from tallies).
    const notices = await time(() => store.repos.applications.countNoticesUnder('prov', now))
    console.log(`notices_count_province_${which}_${size}_ms=${notices.toFixed(2)} ms`)
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-queues-'))
  const figures = new Map<string, number>()
  try {
    for (const size of SIZES) {
      const file = join(dir, `queues-${size}.db`)
      console.log(`build_${size}_s=${(build(file, size) / 1000).toFixed(1)} s`)
      const store = openSqliteStore(file)
      const total = ((await store.repos.applications.stageCountsUnder('prov', NOW.toISOString()))['submitted']).total
      console.log(`open_submitted_${size}=${total}`)
      await measure(store, size, figures)
      await store.close()
      rmSync(file, { force: true })
    }
    const [small, large] = SIZES
    if (large) {
      for (const name of ['street', 'city', 'province']) {
        for (const which of ['first', 'deep']) {
          const growth = figures.get(`queue_${name}_${which}_${large}`)! / figures.get(`queue_${name}_${which}_${small}`)!
          console.log(`growth_${name}_${which}_${small}_to_${large}=${growth.toFixed(2)}x`)
        }
      }
      for (const part of ['page', 'next_page', 'count', 'own_count']) {
        const growth = figures.get(`ledger_part_${part}_${large}`)! / figures.get(`ledger_part_${part}_${small}`)!
        console.log(`growth_ledger_part_${part}_${small}_to_${large}=${growth.toFixed(2)}x`)
      }
      for (const list of ['calls', 'notices', 'requests', 'reports', 'ledger', 'campaigns', 'stations']) {
        for (const which of ['first', 'deep']) {
          const growth = figures.get(`${list}_province_${large}_${which}`)! / figures.get(`${list}_province_${small}_${which}`)!
          console.log(`growth_${list}_province_${which}_${small}_to_${large}=${growth.toFixed(2)}x`)
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
