/**
 * `npm run bench:scale`: a province on one local store. Builds, through the store, filed households
 * with about five ledger entries each (100,000 and 500,000 by default) and applications cloned
 * from real submits (1,000,000), and the same at a tenth first; measures on each the dashboard,
 * both exports, the review queue's pages (a street caseworker's and the province reviewer's, first
 * and deep, each beside an index-ordered read of the same page) and submits (in-process, and over
 * HTTP against the same server's static index, in one run). Prints one line per figure as
 * `name=<value> unit`, with the tenth's value and the growth. Not a test: nothing asserts a figure.
 *
 * Options (environment): BENCH_SCALE_HOUSEHOLDS (100000), BENCH_SCALE_APPLICATIONS (1000000),
 * BENCH_SCALE_RUNS (3: the median of that many runs; the exports with no warm-up run), BENCH_SCALE_SUBMITS (1000),
 * BENCH_SCALE_CONCURRENCY (16 requests in flight), BENCH_SCALE_ONLY_LARGE (1: skip the tenth),
 * BENCH_SCALE_ONLY (a comma-separated list of `build`, `dashboard`, `exports`, `queues`, `submits`:
 * measure only those; the data set is always built), BENCH_SCALE_BATCH (5000 applications a
 * transaction). Beside the HTTP rates, where Linux tells it, the server thread's CPU time per
 * request (`_server_cpu`, and their ratio `_by_cpu`), and beside the households' and the
 * applications' builds, the dashboard view and the exports the process's CPU time (`_cpu`): a
 * machine shared with other work moves those far less than the wall times and rates.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveActor } from '../server/usecases/shared/actor'
import { buildApplications, buildHouseholds, REVIEWER, ROOT, seedUnits, STREET_CASEWORKER } from './scale/build'
import { startLoadServer } from './scale/http-load'
import { benchDeps } from './scale/households'
import * as m from './scale/measures'

const HOUSEHOLDS = Number(process.env.BENCH_SCALE_HOUSEHOLDS ?? 100_000)
const APPLICATIONS = Number(process.env.BENCH_SCALE_APPLICATIONS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3)
const SUBMITS = Number(process.env.BENCH_SCALE_SUBMITS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_SCALE_CONCURRENCY ?? 16)
const ONLY_LARGE = process.env.BENCH_SCALE_ONLY_LARGE === '1'
const ONLY = process.env.BENCH_SCALE_ONLY ? new Set(process.env.BENCH_SCALE_ONLY.split(',').map((s) => s.trim())) : null
/** Whether a group of figures is measured in this run. */
const measures = (group: 'build' | 'dashboard' | 'exports' | 'queues' | 'submits') => !ONLY || ONLY.has(group)

/** A figure: its value and unit. */
type Figures = Map<string, { value: number; unit: string }>

const log = (line: string) => console.log(line)
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Builds one data set in a directory of its own, measures it, removes it. */
async function measureSet(households: number, applications: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-scale-'))
  const file = join(dir, 'lantian.db')
  const deps = benchDeps(dir, file, ROOT)
  const store = deps.store
  const figures: Figures = new Map()
  const put = (name: string, value: number, unit: string) => {
    figures.set(name, { value, unit })
    log(`  ${name}=${value.toFixed(unit === 'ms' ? 1 : 0)} ${unit}`)
  }
  const reader = new Database(file, { readonly: true })
  try {
    log(`Set: ${households.toLocaleString('en')} households, ${applications.toLocaleString('en')} applications (${dir})`)
    await seedUnits(deps)
    const h = await buildHouseholds(deps, households)
    log(`  households generated in ${sec(h.generateMs)}, written in ${sec(h.writeMs)}`)
    const a = await buildApplications(deps, applications, log)
    const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)
    log(`  applications written in ${sec(a.writeMs)} (${Math.round(applications / (a.writeMs / 1000)).toLocaleString('en')} a second); database ${(size / 2 ** 30).toFixed(2)} GB`)
    if (measures('build')) {
      put('build_households', h.generateMs + h.writeMs, 'ms')
      put('build_households_write_cpu', h.writeCpuMs, 'ms')
      put('build_applications', a.writeMs, 'ms')
      put('build_applications_cpu', a.writeCpuMs, 'ms')
    }

    const reviewer = await resolveActor(store.repos, REVIEWER)
    const street = await resolveActor(store.repos, STREET_CASEWORKER)
    if (measures('dashboard')) {
      const view = await m.timedWithCpu(Math.max(RUNS, 5), m.dashboardView(deps, reviewer))
      put('dashboard_view', view.ms, 'ms')
      put('dashboard_view_cpu', view.cpuMs, 'ms')
    }
    if (measures('exports')) {
      for (const [name, work] of [['household_export', m.householdExport(deps, reviewer)], ['ledger_export', m.ledgerExport(deps, reviewer)]] as const) {
        const run = await m.median(RUNS, work)
        put(name, run.ms, 'ms')
        put(`${name}_cpu`, run.cpuMs, 'ms')
      }
    }
    const pages: [string, typeof street, number][] = [
      ['queue_street_first', street, 1],
      ['queue_street_page5', street, 5],
      ['queue_province_first', reviewer, 1],
      [`queue_province_page${m.DEEP_PAGE}`, reviewer, m.DEEP_PAGE],
    ]
    for (const [name, actor, page] of measures('queues') ? pages : []) {
      put(name, await m.timed(RUNS * 3, await m.queuePage(deps, actor, page)), 'ms')
      put(`${name}_index_read`, await m.timed(RUNS * 3, await m.indexOrderedPage(deps, reader, actor, page)), 'ms')
    }

    if (!measures('submits')) return figures
    const inProcess = await m.submitsInProcess(deps, 0, SUBMITS, CONCURRENCY)
    put('submits_in_process', inProcess.perSecond, '/s')
    if (inProcess.ok !== SUBMITS) log(`  (only ${inProcess.ok} of ${SUBMITS} in-process submits succeeded)`)
    const server = await startLoadServer(deps, dir, CONCURRENCY)
    try {
      const before = await m.perSecond(server, m.indexRequests(server, SUBMITS * 3))
      const http = await m.perSecond(server, m.submitRequests(server, SUBMITS, SUBMITS))
      const after = await m.perSecond(server, m.indexRequests(server, SUBMITS * 3))
      for (const r of [before, http, after]) for (const f of r.failed) log(`  failed: ${f}`)
      const index = (before.perSecond + after.perSecond) / 2
      put('static_index', index, '/s')
      put('submits_http', http.perSecond, '/s')
      put('submits_http_of_static_index', (100 * http.perSecond) / index, '%')
      if (before.cpuUs !== null && after.cpuUs !== null && http.cpuUs !== null) {
        const indexCpu = (before.cpuUs + after.cpuUs) / 2
        put('static_index_server_cpu', indexCpu, 'us')
        put('submits_http_server_cpu', http.cpuUs, 'us')
        put('submits_http_of_static_index_by_cpu', (100 * indexCpu) / http.cpuUs, '%')
      }
      if (http.ok !== SUBMITS) log(`  (only ${http.ok} of ${SUBMITS} HTTP submits succeeded)`)
    } finally {
      await server.close()
    }
    return figures
  } finally {
    reader.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  log(`bench:scale: Node ${process.version}, ${cpus().length} cores; ${RUNS} runs a figure (median; exports with no warm-up run), ${SUBMITS} submits ${CONCURRENCY} at a time`)
  const small = ONLY_LARGE ? null : await measureSet(Math.round(HOUSEHOLDS / 10), Math.round(APPLICATIONS / 10))
  const large = await measureSet(HOUSEHOLDS, APPLICATIONS)
  log(`Figures at ${HOUSEHOLDS.toLocaleString('en')} households and ${APPLICATIONS.toLocaleString('en')} applications${small ? ', with the tenth and the growth' : ''}:`)
  for (const [name, { value, unit }] of large) {
    const tenth = small?.get(name)
    const digits = unit === 'ms' ? 1 : 0
    log(`${name}=${value.toFixed(digits)} ${unit}${tenth ? `  (tenth: ${tenth.value.toFixed(digits)} ${unit}, growth ${(value / tenth.value).toFixed(2)}x)` : ''}`)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
