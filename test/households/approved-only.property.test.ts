/**
 * Only approved entries are money paid, wherever money is counted: for random ledgers of payments,
 * reversals and decisions (approved, rejected, still pending) written to the store, the ledger
 * export (CSV, read back) holds exactly the approved entries and sums to the approved total, the
 * dashboard's funds and person-times count the same, and the household file's total too.
 */
import fc from 'fast-check'
import type { DashboardView, ExportedFile, HouseholdView } from '../../src/domain/api/households'
import { exportedBytes } from '../support/exports'
import { FUND_SOURCE_CODES, type FundSource } from '../../src/domain/household-codes'
import { decideEntry, makePayment, makeReversal, personTimes, totalsBySource, type DisbursementEntry } from '../../src/domain/ledger'
import { LEDGER_EXPORT_HEADER } from '../../src/domain/ledger-export'
import { readCsv } from '../../server/usecases/shared/csv'
import { householdFixture, type HouseholdFixture } from '../support/households'

const clerk = { openid: 'o-caseworker', name: '李娟' }
const boss = { openid: 'o-reviewer', name: '周敏' }

type Op =
  | { op: 'pay'; fundSource: FundSource; amountFen: number; day: number }
  | { op: 'reverse'; target: number }
  | { op: 'decide'; target: number; approve: boolean }

// Decisions more often than the rest, approvals more often than rejections: so reversals of approved payments get approved too.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('pay' as const), fundSource: fc.constantFrom(...FUND_SOURCE_CODES), amountFen: fc.integer({ min: 1, max: 10_000_000 }), day: fc.integer({ min: 1, max: 28 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('reverse' as const), target: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('decide' as const), target: fc.nat(), approve: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }) }), weight: 4 },
)

/** A ledger of one household in `year`, built by the domain's own rules from the ops. */
function ledgerOf(ops: readonly Op[], householdId: string, unitId: string, year: number, prefix: string): DisbursementEntry[] {
  const entries: DisbursementEntry[] = []
  ops.forEach((o, n) => {
    const at = `${year}-02-01T0${n % 10}:00:00.000Z`
    if (o.op === 'pay') {
      const paidOn = `${year}-01-${String(o.day).padStart(2, '0')}`
      entries.push(makePayment({ householdId, unitId, amountFen: o.amountFen, fundSource: o.fundSource, measureId: null, paidOn, payeeAccountMasked: '', note: '' }, { id: `${prefix}p${n}`, by: clerk, at, budgetId: null }))
    } else if (entries.length > 0) {
      const i = o.target % entries.length
      if (o.op === 'reverse') {
        const made = makeReversal(entries[i], entries, { id: `${prefix}r${n}`, householdId, reason: '金额录入错误', by: clerk, at })
        if (made.ok) entries.push(made.value)
      } else {
        const d = decideEntry(entries[i], { status: o.approve ? 'approved' : 'rejected', by: boss, at, note: '金额有误' })
        if (d.ok) entries[i] = d.value
      }
    }
  })
  return entries
}

describe('only approved entries count, in exports, the dashboard and the file', () => {
  let f: HouseholdFixture
  let householdId: string
  let run = 0
  beforeAll(async () => {
    f = await householdFixture()
    householdId = (await f.file('unit-a1')).id
  })
  afterAll(() => f.close())

  it('the ledger export and the dashboard of a year hold exactly its approved entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (ops) => {
        // Each run in a year of its own, so exports and dashboards by date see only its entries.
        const year = 1990 + run
        const entries = ledgerOf(ops, householdId, 'unit-a1', year, `y${run++}-`)
        for (const e of entries) await f.deps.store.repos.ledger.append(e)
        const range = { from: `${year}-01-01`, to: `${year}-12-31` }
        const approved = entries.filter((e) => e.status === 'approved')
        const { totalFen, bySource } = totalsBySource(entries)

        const file = await f.ok<ExportedFile>('o-reviewer', 'exportLedger', { format: 'csv', ...range })
        const sheet = readCsv(await exportedBytes(f.deps.files, file))
        expect(sheet.header).toEqual(LEDGER_EXPORT_HEADER)
        expect(file.rows).toBe(approved.length)
        expect(sheet.rows).toHaveLength(approved.length)
        const amount = LEDGER_EXPORT_HEADER.indexOf('金额（元）')
        expect(sheet.rows.reduce((sum, r) => sum + Math.round(Number(r.cells[amount]) * 100), 0)).toBe(totalFen)
        const approver = LEDGER_EXPORT_HEADER.indexOf('审批人')
        expect(sheet.rows.every((r) => r.cells[approver] === '周敏')).toBe(true)

        const dashboard = await f.ok<DashboardView>('o-reviewer', 'dashboard', range)
        expect(dashboard.fundsTotalFen).toBe(totalFen)
        expect(dashboard.fundsBySource).toEqual(bySource)
        expect(dashboard.personTimes).toBe(personTimes(entries))
      }),
      {
        numRuns: 30,
        // One ledger with each kind of entry for sure: approved, reversed and approved, rejected, pending.
        examples: [
          [
            [
              { op: 'pay', fundSource: 'central', amountFen: 150_000, day: 3 },
              { op: 'decide', target: 0, approve: true },
              { op: 'reverse', target: 0 },
              { op: 'decide', target: 1, approve: true },
              { op: 'pay', fundSource: 'union', amountFen: 80_000, day: 4 },
              { op: 'decide', target: 2, approve: false },
              { op: 'pay', fundSource: 'county', amountFen: 60_000, day: 5 },
              { op: 'pay', fundSource: 'county', amountFen: 70_000, day: 6 },
              { op: 'decide', target: 4, approve: true },
            ],
          ],
        ],
      },
    )
    // Every year's approved entries, and nothing else, in the file's total.
    const all = await f.deps.store.repos.ledger.listByHousehold(householdId)
    expect(all.some((e) => e.status === 'pending') && all.some((e) => e.status === 'rejected') && all.some((e) => e.kind === 'reversal' && e.status === 'approved')).toBe(true)
    const view = await f.ok<HouseholdView>('o-reviewer', 'get', { householdId })
    expect(view.fundsTotalFen).toBe(totalsBySource(all).totalFen)
    expect(view.fundsTotalFen).toBe(all.filter((e) => e.status === 'approved').reduce((sum, e) => sum + e.amountFen, 0))
  }, 60_000)
})
