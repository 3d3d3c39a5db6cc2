/**
 * The sizes of the dashboard's kept rows (src/domain/figures.ts) for the bench's households at
 * each size given (`npx tsx scripts/scale/figure-row-sizes.ts 2000 10000 30000`): the rows built
 * in memory as the store folds them, no store and no timing. Each household's ledger write reads
 * and rewrites the rows of its months under every unit above it, so a row that grows with the data
 * makes every write cost more as the data grows. Prints the largest rows and the JSON total per
 * kind of row: month rows (`YYYY-MM`), pairs (`p…`), arrivals (`q…`), pairs of two months (`r…`).
 */
import { householdContribution, rollUp, type Cells } from '../../src/domain/figures'
import type { DisbursementEntry } from '../../src/domain/ledger'
import { DEMO_TREE } from '../../test/support/demo-data'
import { generateHouseholds } from './households'

for (const n of process.argv.slice(2).map(Number)) {
  const demo = generateHouseholds(n, n * 5)
  const paths = new Map(DEMO_TREE.map((u) => [u.id, u.path]))
  const entriesOf = new Map<string, DisbursementEntry[]>()
  for (const e of demo.disbursements) entriesOf.set(e.householdId, [...(entriesOf.get(e.householdId) ?? []), e])
  const rows = new Map<string, Cells>()
  for (const h of demo.households) rollUp(householdContribution(h, entriesOf.get(h.id) ?? []), (u) => paths.get(u) ?? [u], rows)
  const sizes = [...rows].map(([key, cells]) => ({ key, kind: key.split('|')[1][0], bytes: JSON.stringify(cells).length })).sort((a, b) => b.bytes - a.bytes)
  const of = (kind: string) => sizes.filter((s) => (kind === 'month' ? /\d/.test(s.kind) : s.kind === kind))
  const line = (kind: string) => `${kind}_rows_max=${of(kind)[0]?.bytes ?? 0} B ${kind}_rows_total=${of(kind).reduce((a, s) => a + s.bytes, 0)} B`
  console.log(`households=${demo.households.length} rows=${rows.size} largest=${sizes[0].key}:${sizes[0].bytes} B ${line('month')} ${line('p')} ${line('q')} ${line('r')}`)
}
