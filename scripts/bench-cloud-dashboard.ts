/**
 * `npm run bench:cloud-dashboard`: what ONE dashboard view asks of CloudBase, counted by the
 * stand-in (requests, documents the replies carried, documents counts counted), per collection, in
 * a city seeded as `npm run load:cloud` seeds it (filed households of one township, each with its
 * application and three payments), folded once by the timer, then with one household in ten
 * written again since the last fold (a payment each: marks the timer has not folded yet, as
 * under load), and again at ten times the households. A count, not a time: no latency.
 * Prints the tally of each view and `name=value` lines with the growth for 10x the households.
 *
 * Options (environment): BENCH_HOUSEHOLDS (500).
 */
import type { Actor } from '../src/domain'
import { householdDashboard } from '../server/usecases/households/dashboard'
import { paymentEntry } from '../test/support/household-records'
import { tallyRequests, totalOf, type Tally } from '../test/support/request-tally'
import { ROOT, seedCity, seedStaff, TOWN } from './load/city'
import { startBenchEnvironment, type BenchEnvironment } from './load/harness'

const SMALL = Number(process.env.BENCH_HOUSEHOLDS ?? 500)
const admin: Actor = { openid: 'o-bench-admin', roles: ['admin', 'reviewer'], unitId: ROOT }
/** The range load:cloud's admins view. */
const RANGE = { from: '2026-01-01', to: '2026-12-31' }

async function oneView(env: BenchEnvironment, label: string): Promise<Tally> {
  env.standin.requests.length = 0
  await householdDashboard(env.deps, admin, RANGE)
  const tally = tallyRequests(env.standin.requests)
  console.log(`${label}: requests documents counted`)
  for (const [what, t] of tally) console.log(`  ${what.padEnd(40)} ${String(t.requests).padStart(6)} ${String(t.documents).padStart(8)} ${String(t.counted).padStart(8)}`)
  const total = totalOf(tally)
  console.log(`  ${'total'.padEnd(40)} ${String(total.requests).padStart(6)} ${String(total.documents).padStart(8)} ${String(total.counted).padStart(8)}`)
  return total
}

/** Seeds up to `households`, folds, measures; then a payment for every tenth household, and measures again. */
async function size(env: BenchEnvironment, households: number, from: number): Promise<{ folded: Tally; pending: Tally }> {
  const t0 = performance.now()
  await seedCity(env.deps, households, from)
  while ((await env.deps.store.repos.figures.foldPending(500)) > 0);
  console.log(`seeded and folded ${households} households in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  const folded = await oneView(env, `${households} households, every write folded`)
  for (let i = from; i < households; i += 10) {
    const id = `h${String(i).padStart(6, '0')}`
    await env.deps.store.repos.ledger.append(paymentEntry(`late-${id}`, { householdId: id, unitId: TOWN, paidOn: '2026-06-15' }))
  }
  const pending = await oneView(env, `${households} households, one in ten written since the fold`)
  while ((await env.deps.store.repos.figures.foldPending(500)) > 0);
  return { folded, pending }
}

async function main(): Promise<void> {
  const env = await startBenchEnvironment({ latencyMs: 0, jitterMs: 0 })
  try {
    await seedStaff(env.deps, [admin])
    const small = await size(env, SMALL, 0)
    const large = await size(env, SMALL * 10, SMALL)
    for (const [name, s, l] of [['folded', small.folded, large.folded], ['pending', small.pending, large.pending]] as const) {
      console.log(`cloud_dashboard_${name}_small_requests=${s.requests} cloud_dashboard_${name}_large_requests=${l.requests} growth_requests_10x=${(l.requests / s.requests).toFixed(2)}`)
      console.log(`cloud_dashboard_${name}_small_documents=${s.documents} cloud_dashboard_${name}_large_documents=${l.documents} growth_documents_10x=${(l.documents / Math.max(1, s.documents)).toFixed(2)}`)
      console.log(`cloud_dashboard_${name}_small_counted=${s.counted} cloud_dashboard_${name}_large_counted=${l.counted}`)
    }
  } finally {
    await env.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
