/**
 * `npm run bench:dashboard`: a dashboard view at 10,000 and 100,000 households (ten times the
 * data, one run), on temporary SQLite stores. The records are random histories (filings,
 * deregistrations and refilings, payments approved, rejected and reversed: test/support/figure-histories.ts)
 * written through the adapter's plain repositories, then the kept figures built by migration 16's
 * backfill (its time is printed too), as an existing database gets them.
 *
 * Each household also gets up to six contacts, and a campaign over the two townships has check
 * records for about half of them (some complete, some with an outcome); the overdue contacts and
 * the campaign's counts are built by migration 41's backfill (timed as `clocks_backfill_ms`).
 *
 * Measured: the kept figures alone (a unit's month rows read and summed: `repos.figures.rows` +
 * `figuresFromRows`), and the whole `householdDashboard` use case, every figure of the view
 * (month figures, applications by status, stations, the campaign's progress, the overdue count and
 * the 30 longest overdue households with their names): for the six years 2016-2021 (a range in
 * the past) and for a range ending today. Prints `name=value` lines.
 *
 * Options (environment): BENCH_SMALL (default 10000), BENCH_RUNS (5).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Actor } from '../src/domain'
import { extraRows, figuresFromRows } from '../src/domain/figures'
import { createCipher } from '../server/adapters/node-cipher'
import { openSqliteStore } from '../server/adapters/sqlite'
import { openDatabase } from '../server/adapters/sqlite/connection'
import { rebuildFigures } from '../server/adapters/sqlite/figure-storage'
import { householdRepository } from '../server/adapters/sqlite/household-repository'
import { checkRepository } from '../server/adapters/sqlite/check-repository'
import { contactRepository } from '../server/adapters/sqlite/contact-repository'
import { campaignRepository } from '../server/adapters/sqlite/campaign-repository'
import { CONTACT_CLOCKS_MIGRATION } from '../server/adapters/sqlite/contact-clock-storage'
import { addDays, shanghaiDateOf } from '../src/domain/calendar'
import type { Campaign } from '../src/domain/campaign'
import { SIX_ITEM_CODES } from '../src/domain/review'
import { prng } from '../server/local/prng'
import { ledgerRepository } from '../server/adapters/sqlite/ledger-repository'
import { orgUnitRepository } from '../server/adapters/sqlite/org-unit-repository'
import type { Deps } from '../server/ports'
import { randomIds, systemClock } from '../server/runtime'
import { householdDashboard } from '../server/usecases/households/dashboard'
import { DEMO_TREE } from '../test/support/demo-data'
import { figureHistories } from '../test/support/figure-histories'

const SMALL = Number(process.env.BENCH_SMALL ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SIX_YEARS = { from: '2016-01-01', to: '2021-12-31' }
const admin: Actor = { openid: 'bench-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

const gc = (globalThis as { gc?: () => void }).gc
const heapMb = () => (gc?.(), process.memoryUsage().heapUsed / 1024 / 1024)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ ms: number; heapMb: number }> {
  const ms: number[] = []
  let peak = 0
  for (let i = 0; i < runs; i++) {
    heapMb()
    const t = performance.now()
    await work()
    ms.push(performance.now() - t)
    peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024)
  }
  return { ms: median(ms), heapMb: peak }
}

/** A store of `households` random histories, its figures built by the backfill; the figures below measured. */
async function measureAt(households: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-dashboard-'))
  const file = join(dir, 'bench.db')
  try {
    const db = openDatabase(file)
    const [units, plainHouseholds, ledger, contacts, checks] = [orgUnitRepository(db), householdRepository(db), ledgerRepository(db), contactRepository(db), checkRepository(db)]
    const rnd = prng(households)
    const campaign: Campaign = {
      id: 'bench-campaign', name: '户户清', startsOn: '2021-03-01', endsOn: '2021-12-31', unitIds: ['unit-t1', 'unit-t2'], status: 'open',
      createdAt: '2021-02-20T02:00:00.000Z', createdBy: 'bench-admin', createdByName: '赵强', version: 1,
    }
    const item = { confirmed: true, note: '', evidenceIds: [], at: '2021-04-01T02:00:00.000Z', by: 'bench-cw', byName: '李娟' }
    let t = performance.now()
    const leaves = DEMO_TREE.filter((u) => u.parentId).map((u) => u.id)
    db.exec('BEGIN')
    for (const u of DEMO_TREE) await units.put(u)
    await campaignRepository(db).insert(campaign)
    let entries = 0
    let contactCount = 0
    for (let k = 0; k < households; k += 1000) {
      const { households: hs, entries: es } = figureHistories(k + 1, Math.min(1000, households - k), leaves)
      for (const h of hs) {
        await plainHouseholds.insert(h)
        const filedOn = shanghaiDateOf(h.filedAt)
        for (let c = 0, n = Math.floor(rnd() * 7); c < n; c++, contactCount++) {
          const on = addDays(filedOn, Math.floor(rnd() * 900))
          await contacts.add({ id: `${h.id}-c${c}`, householdId: h.id, unitId: h.unitId, kind: 'phone', on, notes: '', nextStep: '', by: 'bench-cw', byName: '李娟', createdAt: `${on}T03:00:00.000Z` })
        }
        if (rnd() < 0.5) {
          const all = rnd() < 0.7
          const items = Object.fromEntries(SIX_ITEM_CODES.slice(0, all ? 6 : 2).map((code) => [code, item]))
          const fate = rnd()
          const outcome = !all || fate < 0.3 ? null : fate < 0.8 ? { kind: 'keep' as const, difficulties: [{ group: 'medical' as const, task: '协助申请医疗救助' }] } : { kind: 'propose-deregistration' as const, reason: 'stable-employment' as const, text: '', evidenceIds: [] }
          await checks.put({ id: `${campaign.id}:${h.id}`, campaignId: campaign.id, householdId: h.id, unitId: h.unitId, items, outcome, outcomeAt: null, outcomeBy: null, updatedAt: item.at, version: 1 }, 0)
        }
      }
      for (const e of es) await ledger.append(e)
      entries += es.length
    }
    db.exec('COMMIT')
    const loadMs = performance.now() - t
    t = performance.now()
    db.transaction(() => rebuildFigures(db))()
    const backfillMs = performance.now() - t
    t = performance.now()
    db.exec('DELETE FROM check_counts')
    db.transaction(() => CONTACT_CLOCKS_MIGRATION.run!(db))()
    const clocksBackfillMs = performance.now() - t
    db.close()

    const store = openSqliteStore(file)
    const deps: Deps = { store, clock: systemClock, ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: null as never }
    const figures = await timed(RUNS, async () => figuresFromRows(await store.repos.figures.rows('unit-root', SIX_YEARS.to.slice(0, 7), extraRows(SIX_YEARS)), SIX_YEARS))
    const township = await timed(RUNS, async () => figuresFromRows(await store.repos.figures.rows('unit-t1', SIX_YEARS.to.slice(0, 7), extraRows(SIX_YEARS)), SIX_YEARS))
    const view = await householdDashboard(deps, admin, SIX_YEARS)
    const whole = await timed(RUNS, () => householdDashboard(deps, admin, SIX_YEARS))
    const today = shanghaiDateOf(new Date())
    const current = await timed(RUNS, () => householdDashboard(deps, admin, { from: addDays(today, -364), to: today }))
    const townshipView = await timed(RUNS, () => householdDashboard(deps, admin, { ...SIX_YEARS, unitId: 'unit-t1' }))
    const rows = (await store.repos.figures.rows('unit-root', '2100-12')).length
    await store.close()
    return {
      households, entries, contactCount, rows, loadMs, backfillMs, clocksBackfillMs, figuresMs: figures.ms, townshipMs: township.ms, figuresHeapMb: figures.heapMb,
      wholeMs: whole.ms, wholeHeapMb: whole.heapMb, todayMs: current.ms, townshipWholeMs: townshipView.ms,
      overdue: view.overdueCount, inScope: view.campaign?.progress.total.inScope ?? 0, checked: view.campaign?.progress.total.checked ?? 0,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const small = await measureAt(SMALL)
  const large = await measureAt(SMALL * 10)
  const print = (name: string, v: number, digits = 1) => console.log(`${name}=${v.toFixed(digits)}`)
  for (const [tag, m] of [['small', small], ['large', large]] as const) {
    print(`${tag}_households`, m.households, 0)
    print(`${tag}_ledger_entries`, m.entries, 0)
    print(`${tag}_contacts`, m.contactCount, 0)
    print(`${tag}_overdue_at_2021_end`, m.overdue, 0)
    print(`${tag}_campaign_in_scope`, m.inScope, 0)
    print(`${tag}_campaign_checked`, m.checked, 0)
    print(`${tag}_root_month_rows`, m.rows, 0)
    print(`${tag}_load_ms`, m.loadMs, 0)
    print(`${tag}_backfill_ms`, m.backfillMs, 0)
    print(`${tag}_clocks_backfill_ms`, m.clocksBackfillMs, 0)
    print(`${tag}_dashboard_figures_city_ms`, m.figuresMs, 2)
    print(`${tag}_dashboard_figures_township_ms`, m.townshipMs, 2)
    print(`${tag}_dashboard_figures_heap_mb`, m.figuresHeapMb)
    print(`${tag}_dashboard_usecase_ms`, m.wholeMs, 2)
    print(`${tag}_dashboard_usecase_township_ms`, m.townshipWholeMs, 2)
    print(`${tag}_dashboard_usecase_to_today_ms`, m.todayMs, 2)
    print(`${tag}_dashboard_usecase_heap_mb`, m.wholeHeapMb)
  }
  print('growth_dashboard_figures_10x_data', large.figuresMs / small.figuresMs, 2)
  print('growth_dashboard_usecase_10x_data', large.wholeMs / small.wholeMs, 2)
  print('growth_dashboard_usecase_to_today_10x_data', large.todayMs / small.todayMs, 2)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
