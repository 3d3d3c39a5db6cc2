/**
 * `npm run bench:migrations`: how long deploy's data-migration step takes per document on
 * CloudBase, measured on the stand-in with a database round trip of LANTIAN_STANDIN_LATENCY_MS
 * (default 10 ms): BENCH_MIGRATION_DOCS (default 2,000) ledger entries of the previous release,
 * upgraded by 002-ledger-approval through the runner (records, lock, heartbeat included).
 */
import { ledgerApproval } from '../server/adapters/cloudbase/migrations/002-ledger-approval'
import { runMigrations } from '../server/adapters/cloudbase/migrations/runner'
import { getDb } from '../server/adapters/cloudbase/sdk'
import { startDeployedStandin, useStandin } from '../test/support/cloudbase-standin'
import { atFullSpeed } from './load/harness'

async function main(): Promise<void> {
  const docs = Number(process.env.BENCH_MIGRATION_DOCS ?? 2000)
  const standin = await startDeployedStandin({ latencyMs: 10 })
  useStandin(standin)
  const db = getDb()
  try {
    await atFullSpeed(standin, async () => {
      for (let i = 0; i < docs; i++) {
        await db.collection('disbursements').add({
          _id: `d${String(i).padStart(6, '0')}`, kind: 'payment', householdId: `h${i % 500}`, unitId: 'unit-a', amountFen: 50_000, fundSource: 'county', measureId: null,
          paidOn: '2025-06-01', payeeAccountMasked: '6222 **** 0123', reversesId: null, reason: '', recordedBy: 'o-cw', recordedByName: '李娟', approvedBy: 'o-admin',
          approvedByName: '赵强', note: '', createdAt: '2025-06-01T02:00:00.000Z',
        })
      }
    })
    const before = standin.requests.length
    const t0 = performance.now()
    const result = await runMigrations(db, [ledgerApproval])
    const seconds = (performance.now() - t0) / 1000
    const requests = standin.requests.length - before
    console.log(`migration=${result.applied.join(',')} docs=${docs} latency_ms=${standin.limits.latencyMs} seconds=${seconds.toFixed(1)} docs_per_s=${(docs / seconds).toFixed(0)} requests=${requests} requests_per_doc=${(requests / docs).toFixed(2)}`)
  } finally {
    await standin.close()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
