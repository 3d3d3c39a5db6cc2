import type { QueueResult } from '../../src/domain/api/review'
/**
 * One small function per figure of `npm run bench:scale`, each calling what a page calls (a use
 * case, or the HTTP API), so a call is easy to adapt when the use cases change. Times in ms.
 */
import type Database from 'better-sqlite3'
import type { Actor } from '../../src/domain'
import { DEMO_PERIOD } from '../../server/local/seed/seed-figures'
import type { Deps } from '../../server/ports'
import { submitApplication } from '../../server/usecases/applicant/submit-application'
import { householdDashboard } from '../../server/usecases/households/dashboard'
import { exportHouseholds, exportLedger } from '../../server/usecases/households/export'
import { reviewQueue } from '../../server/usecases/review/queue'
import { call, submission } from '../../test/support/deps'
import { cpuMs, idNumberOf, submissionOf } from './build'
import type { LoadRequest, LoadServer } from './http-load'

export const QUEUE_PAGE_SIZE = 20
export const DEEP_PAGE = 100

/** The median wall time of `runs` runs of `work`, as `timedWithCpu` takes them. */
export async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  return (await timedWithCpu(runs, work)).ms
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const collect = () => (globalThis as { gc?: () => void }).gc?.()

/** The median wall and CPU time of `runs` runs of `work`, with `before` run ahead of each (untimed). */
async function medians(runs: number, work: () => Promise<unknown>, before: () => void): Promise<{ ms: number; cpuMs: number }> {
  const ms: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    before()
    const t = performance.now()
    const c = process.cpuUsage()
    await work()
    cpu.push(cpuMs(process.cpuUsage(c)))
    ms.push(performance.now() - t)
  }
  return { ms: medianOf(ms), cpuMs: medianOf(cpu) }
}

/**
 * The median wall time of `runs` runs of `work` after a full collection (when `--expose-gc` allows
 * it: the garbage of building the data set is not the work's) and three runs to warm up, and the
 * median CPU time the process spent on each (the local store's reads run on the process's thread,
 * so on a machine shared with other work the CPU time moves far less than the wall time).
 */
export async function timedWithCpu(runs: number, work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  collect()
  for (let i = 0; i < 3; i++) await work()
  return medians(runs, work, () => undefined)
}

/**
 * The median of `runs` runs of `work` with no warm-up, each after a full collection: the exports,
 * which take seconds. The first run of a large set reads pages the cache no longer holds; the
 * median is what an export costs once the data it reads is in the cache. With the median CPU time.
 */
export const median = (runs: number, work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> => medians(runs, work, collect)

export const dashboardView = (deps: Deps, reviewer: Actor) => () => householdDashboard(deps, reviewer, DEMO_PERIOD)

export const householdExport = (deps: Deps, reviewer: Actor) => () => exportHouseholds(deps, reviewer, { format: 'xlsx', full: true, reason: '基准测试' })

export const ledgerExport = (deps: Deps, reviewer: Actor) => () => exportLedger(deps, reviewer, { format: 'xlsx' })

/**
 * A page of the `submitted` queue (1 is the first), as the queue page asks for it: the cursor of
 * that page is found first (untimed, by walking the pages before it), then the page's read is the
 * work measured.
 */
export async function queuePage(deps: Deps, actor: Actor, page: number): Promise<() => Promise<QueueResult>> {
  let cursor: string | undefined
  for (let p = 1; p < page; p++) {
    cursor = (await reviewQueue(deps, actor, { stage: 'submitted', cursor, pageSize: QUEUE_PAGE_SIZE })).nextCursor ?? undefined
    if (!cursor) break
  }
  return () => reviewQueue(deps, actor, { stage: 'submitted', cursor, pageSize: QUEUE_PAGE_SIZE })
}

/**
 * The reference for a queue page: the same page's records read one by one by their key (the
 * primary key's index), in the page's order, on a connection of its own: what a page costs when the
 * index hands over its rows in order and nothing else is read.
 */
export async function indexOrderedPage(deps: Deps, reader: Database.Database, actor: Actor, page: number): Promise<() => Promise<unknown>> {
  const ids = (await (await queuePage(deps, actor, page))()).items.map((i) => i.id)
  const byId = reader.prepare('SELECT doc FROM applications WHERE id = ?').pluck()
  return async () => ids.map((id) => JSON.parse(byId.get(id) as string) as unknown)
}

/** Submits per second in-process: `n` new workers submitting, `concurrency` at a time; and how many succeeded. */
export async function submitsInProcess(deps: Deps, first: number, n: number, concurrency: number): Promise<{ perSecond: number; ok: number }> {
  const inputs = Array.from({ length: n }, (_v, i) => submissionOf(first + i))
  let next = 0
  let ok = 0
  const t = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++
        await submitApplication(deps, { openid: `o-inproc-${first + i}`, roles: ['worker'] }, inputs[i], call(`inproc-${first + i}`)).then(
          () => ok++,
          () => undefined,
        )
      }
    }),
  )
  return { perSecond: n / ((performance.now() - t) / 1000), ok }
}

/** `n` submits over HTTP by new workers, each signed in beforehand, as the app posts them. */
export function submitRequests(server: LoadServer, first: number, n: number): LoadRequest[] {
  return Array.from({ length: n }, (_v, i) => ({
    method: 'POST',
    path: '/api/applicant',
    headers: { 'content-type': 'application/json', origin: server.origin, host: server.origin.slice('http://'.length), cookie: server.signIn(`o-http-${first + i}`) },
    body: JSON.stringify({ action: 'submit', input: submission({ idNumber: idNumberOf(2 * (first + i)), memberIds: [idNumberOf(2 * (first + i) + 1)] }), requestId: `bench-http-${String(first + i).padStart(7, '0')}` }),
  }))
}

/** `n` GETs of the static index. */
export const indexRequests = (server: LoadServer, n: number): LoadRequest[] =>
  Array.from({ length: n }, () => ({ method: 'GET', path: '/', headers: { host: server.origin.slice('http://'.length) } }))

/** Requests per second of a batch, the server thread's CPU µs per request (null where unknown), and how many succeeded (with the first failures, if any). */
export async function perSecond(server: LoadServer, requests: LoadRequest[]): Promise<{ perSecond: number; cpuUs: number | null; ok: number; failed: string[] }> {
  const r = await server.send(requests)
  return { perSecond: requests.length / (r.ms / 1000), cpuUs: r.cpuMs === null ? null : (1000 * r.cpuMs) / requests.length, ok: r.ok, failed: r.failed }
}
