import fc from 'fast-check'
import { FUND_SOURCE_CODES, type FundSource } from './household-codes'
import {
  appendEntry,
  decideEntry,
  makePayment,
  makeReversal,
  netOfPayment,
  personTimes,
  totalsBySource,
  type DisbursementEntry,
  type EntryStatus,
} from './ledger'
import { LEDGER_MAX_PAYMENT_FEN } from './ledger-schemas'

/**
 * The ledger under random sequences of payments, reversal attempts (of payments, of reversals,
 * twice, on the wrong household) and decisions (approve, reject, by the recorder), checked against
 * a plain model: per payment its amount, its status and the status of its standing reversal.
 */

const HOUSEHOLDS = ['h1', 'h2', 'h3'] as const
const clerk = { openid: 'c1', name: '李娟' }
const boss = { openid: 'r1', name: '赵强' }

type Op =
  | { op: 'pay'; household: number; fundSource: FundSource; amountFen: number; day: number }
  | { op: 'reverse'; target: number; wrongHousehold: boolean }
  | { op: 'decide'; target: number; approve: boolean; byRecorder: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('pay' as const),
    household: fc.nat({ max: HOUSEHOLDS.length - 1 }),
    fundSource: fc.constantFrom(...FUND_SOURCE_CODES),
    amountFen: fc.integer({ min: 1, max: LEDGER_MAX_PAYMENT_FEN }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({ op: fc.constant('reverse' as const), target: fc.nat(), wrongHousehold: fc.boolean() }),
  fc.record({ op: fc.constant('decide' as const), target: fc.nat(), approve: fc.boolean(), byRecorder: fc.boolean() }),
)

interface PaymentModel {
  amountFen: number
  fundSource: FundSource
  status: EntryStatus
  /** The status of its reversal that stands (pending or approved), else null. */
  reversal: EntryStatus | null
}

/** The facts of an entry: everything but the decision, which is all a decision may change. */
const facts = ({ status: _s, decision: _d, ...rest }: DisbursementEntry) => rest

/** Runs the ops, checking after each that no earlier entry's facts changed and at most one entry was added or decided. */
function run(ops: readonly Op[]): { entries: readonly DisbursementEntry[]; model: Map<string, PaymentModel> } {
  let entries: readonly DisbursementEntry[] = []
  const model = new Map<string, PaymentModel>()
  ops.forEach((o, n) => {
    const before = structuredClone(entries)
    const at = new Date(Date.UTC(2020, 0, 1, 0, n)).toISOString()
    let next: readonly DisbursementEntry[] = entries
    if (o.op === 'pay') {
      const payment = makePayment(
        {
          householdId: HOUSEHOLDS[o.household],
          unitId: 'u1',
          amountFen: o.amountFen,
          fundSource: o.fundSource,
          measureId: null,
          paidOn: `2020-01-${String(o.day).padStart(2, '0')}`,
          payeeAccountMasked: '6222 **** 0123',
          note: '',
        },
        { id: `p${n}`, by: clerk, at, budgetId: null },
      )
      const r = appendEntry(entries, payment)
      expect(r.ok).toBe(true)
      if (r.ok) next = r.value
      model.set(payment.id, { amountFen: o.amountFen, fundSource: o.fundSource, status: 'pending', reversal: null })
    } else if (o.op === 'reverse' && entries.length > 0) {
      const target = entries[o.target % entries.length]
      const householdId = o.wrongHousehold ? HOUSEHOLDS.find((h) => h !== target.householdId)! : target.householdId
      const made = makeReversal(target, entries, { id: `r${n}`, householdId, reason: '金额录入错误', by: clerk, at })
      const m = model.get(target.id)
      const allowed = target.kind === 'payment' && !o.wrongHousehold && m?.status === 'approved' && m.reversal === null
      expect(made.ok).toBe(allowed)
      if (made.ok) {
        const r = appendEntry(entries, made.value)
        expect(r.ok).toBe(true)
        if (r.ok) next = r.value
        m!.reversal = 'pending'
      } else {
        expect(made.code).toBe(target.kind !== 'payment' ? 'VALIDATION' : o.wrongHousehold ? 'NOT_FOUND' : 'CONFLICT')
      }
    } else if (o.op === 'decide' && entries.length > 0) {
      const i = o.target % entries.length
      const target = entries[i]
      const status = o.approve ? 'approved' : 'rejected'
      const d = decideEntry(target, { status, by: o.byRecorder ? clerk : boss, at, note: o.approve ? '' : '不符合发放条件' })
      expect(d.ok).toBe(target.status === 'pending' && !o.byRecorder)
      if (d.ok) {
        next = entries.map((e, k) => (k === i ? d.value : e))
        if (target.kind === 'payment') model.get(target.id)!.status = status
        else model.get(target.reversesId)!.reversal = o.approve ? 'approved' : null
      }
    }
    expect(entries).toEqual(before)
    expect(next.slice(0, before.length).map(facts)).toEqual(before.map(facts))
    const changed = next.filter((e, k) => k >= before.length || e.status !== before[k].status).length
    expect(changed).toBeLessThanOrEqual(1)
    entries = next
  })
  return { entries, model }
}

/** What a payment of the model counts: its amount once approved, nothing once its reversal is approved too. */
const stands = (p: PaymentModel) => p.status === 'approved' && p.reversal !== 'approved'

describe('aid ledger: properties over random operation sequences', () => {
  const ops = fc.array(opArb, { maxLength: 60 })

  it('totals count approved entries only: by source they sum to the total, which equals the model', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        const { bySource, totalFen } = totalsBySource(entries)
        expect(Object.values(bySource).reduce((a, b) => a + b, 0)).toBe(totalFen)
        const expected = Object.fromEntries(FUND_SOURCE_CODES.map((s) => [s, 0])) as Record<FundSource, number>
        for (const p of model.values()) if (stands(p)) expected[p.fundSource] += p.amountFen
        expect(bySource).toEqual(expected)
        expect(totalsBySource(entries.filter((e) => e.status !== 'approved')).totalFen).toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it('a reversal of an approved payment nets it to zero once approved; until then the payment counts in full', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        for (const [id, p] of model) expect(netOfPayment(entries, id)).toBe(stands(p) ? p.amountFen : 0)
        for (const e of entries) {
          if (e.kind !== 'reversal') continue
          expect(netOfPayment(entries, e.reversesId)).toBe(e.status === 'approved' ? 0 : -e.amountFen)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('no payment has two standing reversals, and person-times count the approved payments that stand', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        const standing = entries.flatMap((e) => (e.kind === 'reversal' && e.status !== 'rejected' ? [e.reversesId] : []))
        expect(new Set(standing).size).toBe(standing.length)
        expect(personTimes(entries)).toBe([...model.values()].filter(stands).length)
      }),
      { numRuns: 300 },
    )
  })

  it('a forged second reversal, or one that does not mirror its payment, is refused by appendEntry', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 100 }), (o, delta) => {
        const { entries } = run(o)
        for (const e of entries) {
          if (e.kind === 'reversal' && e.status !== 'rejected') {
            const again = appendEntry(entries, { ...e, id: `${e.id}-again`, status: 'pending', decision: null })
            expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
          }
          if (e.kind === 'payment' && netOfPayment(entries, e.id) !== 0) {
            const off = makeReversal(e, entries, { id: `${e.id}-x`, householdId: e.householdId, reason: '测试', by: clerk, at: e.createdAt })
            if (!off.ok) continue
            expect(appendEntry(entries, { ...off.value, amountFen: off.value.amountFen + delta })).toMatchObject({ ok: false, code: 'VALIDATION' })
          }
        }
      }),
      { numRuns: 100 },
    )
  })
})
