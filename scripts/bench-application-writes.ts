/**
 * `npm run bench:application-writes`: the database writes of one worker's whole application on
 * CloudBase, by action and by collection: the same calls `npm run load:cloud` makes for a worker
 * (self-check, the draft saves of the form's save schedule, two documents uploaded, submit, a look
 * at the case), through the function tables in this process and the real `@cloudbase/node-sdk`
 * against the stand-in, no latency. Also the timer's writes per application (delivering the
 * submit's notice) and its sweep a day later of the upload records (kept until then, registered or
 * not: they are the upload rate limit's count), since work moved to a timer still counts. Counts
 * only: no time is printed.
 * Ends with `bench:application-writes workers=<n> writes_per_application=<n> ...`.
 *
 * Options (environment): BENCH_WORKERS (3, one after the other).
 */
import { deliverOutbox } from '../server/usecases/shared/deliver-outbox'
import { removeStaleUploads, UPLOAD_TTL_MS } from '../server/usecases/shared/uploads'
import { handle } from '../server/functions'
import { seedCity } from './load/city'
import { installPerCallEnv } from './load/caller-identity'
import { startBenchEnvironment, WRITE_ACTIONS } from './load/harness'
import { workerSession, WORKER_SAVES, type FunctionName, type LoadContext } from './load/sessions'
import type { CallRecord, Main } from './load/calls'
import type { SeenRequest } from '../test/cloudbase-standin'

const WORKERS = Number(process.env.BENCH_WORKERS ?? 3)

async function main(): Promise<void> {
  const env = await startBenchEnvironment({ latencyMs: 0, jitterMs: 0 })
  const { standin, deps } = env
  await seedCity(deps, 0)
  installPerCallEnv()
  const perCall: { key: string; writes: SeenRequest[] }[] = []
  const fn = (name: FunctionName): Main => async (event) => {
    const from = standin.requests.length
    const reply = name === 'timers' ? await deliverOutbox(deps, { send: async () => ({ status: 'sent' }) }, { limit: 50 }) : await handle(name, event, { openid: process.env.WX_OPENID ?? null }, deps)
    const action = (event as { action?: string }).action ?? 'timer'
    perCall.push({ key: `${name}.${action}`, writes: standin.requests.slice(from).filter((r) => WRITE_ACTIONS.has(r.action)) })
    return reply
  }
  const fns = Object.fromEntries((['applicant', 'review', 'households', 'stations', 'timers'] as const).map((n) => [n, fn(n)])) as Record<FunctionName, Main>
  const ctx: LoadContext = {
    fns,
    putFile: async (cloudPath, bytes) => void standin.storage.set(cloudPath, Buffer.from(bytes)),
    record: (r: CallRecord) => {
      if (r.outcome !== 'ok') console.log(`not ok: ${r.fn}.${r.action} ${r.outcome} ${r.message ?? ''}`)
    },
    think: async () => {},
    running: () => true,
    thinkMs: 0,
  }
  for (let i = 0; i < WORKERS; i++) {
    await workerSession(ctx, i, 'w')
    await fns.timers({})
  }
  // The timer's sweep a day later: the records of these applications' uploads go in one request
  // per 100 (a timer run takes 50 records), so this share falls as applications grow.
  {
    const from = standin.requests.length
    const later = { ...deps, clock: { now: () => new Date(Date.now() + UPLOAD_TTL_MS + 60_000) } }
    await removeStaleUploads(later, 1000)
    perCall.push({ key: 'timers.uploadSweep', writes: standin.requests.slice(from).filter((r) => WRITE_ACTIONS.has(r.action)) })
  }
  const byAction = new Map<string, { calls: number; writes: number; collections: Map<string, number> }>()
  for (const c of perCall) {
    const row = byAction.get(c.key) ?? { calls: 0, writes: 0, collections: new Map() }
    row.calls++
    row.writes += c.writes.length
    for (const w of c.writes) {
      const k = `${w.action.replace('database.', '').replace('Document', '')} ${w.collectionName}`
      row.collections.set(k, (row.collections.get(k) ?? 0) + 1)
    }
    byAction.set(c.key, row)
  }
  let total = 0
  console.log('action (per application)       calls  writes  which (per application)')
  for (const [key, row] of [...byAction].sort()) {
    total += row.writes
    const which = [...row.collections].map(([k, n]) => `${k} ${(n / WORKERS).toFixed(1)}`).join(', ')
    console.log(`${key.padEnd(30)} ${(row.calls / WORKERS).toFixed(1).padStart(5)}  ${(row.writes / WORKERS).toFixed(1).padStart(6)}  ${which}`)
  }
  const per = (k: string) => ((byAction.get(k)?.writes ?? 0) / WORKERS).toFixed(1)
  console.log(
    `bench:application-writes workers=${WORKERS} draft_saves=${WORKER_SAVES.length} writes_per_application=${(total / WORKERS).toFixed(1)} ` +
      `save_draft=${per('applicant.saveDraft')} prepare_upload=${per('applicant.prepareUpload')} register_document=${per('applicant.registerDocument')} ` +
      `submit=${per('applicant.submit')} timer=${per('timers.timer')} upload_sweep=${per('timers.uploadSweep')}`,
  )
  await env.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
