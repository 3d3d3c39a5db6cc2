import fc from 'fast-check'
import { FUND_SOURCE_CODES, type FundSource } from './household-codes'
import {
  appendEntry,
  makePayment,
  makeReversal,
  netOfPayment,
  personTimes,
  totalsBySource,
  type DisbursementEntry,
} from './ledger'
import { LEDGER_MAX_PAYMENT_FEN } from './ledger-schemas'

/**
 * The ledger under random sequences of payments and reversal attempts (of payments, of reversals,
 * twice, on the wrong household), checked against a plain model: a map of payment -> amount and
 * whether it is reversed.
 */

const HOUSEHOLDS = ['h1', 'h2', 'h3'] as const
const clerk = { openid: 'c1', name: '李娟' }
const boss = { openid: 'r1', name: '赵强' }

type Op =
  | { op: 'pay'; household: number; fundSource: FundSource; amountFen: number; day: number }
  | { op: 'reverse'; target: number; wrongHousehold: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('pay' as const),
    household: fc.nat({ max: HOUSEHOLDS.length - 1 }),
    fundSource: fc.constantFrom(...FUND_SOURCE_CODES),
    amountFen: fc.integer({ min: 1, max: LEDGER_MAX_PAYMENT_FEN }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({ op: fc.constant('reverse' as const), target: fc.nat(), wrongHousehold: fc.boolean() }),
)

interface Model {
  payments: Map<string, { amountFen: number; fundSource: FundSource; reversed: boolean }>
}

/** Runs the ops, checking after each that the old ledger is untouched and a prefix of the new one. */
function run(ops: readonly Op[]): { entries: readonly DisbursementEntry[]; model: Model } {
  let entries: readonly DisbursementEntry[] = []
  const model: Model = { payments: new Map() }
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
        { id: `p${n}`, by: clerk, approvedBy: boss, at },
      )
      const r = appendEntry(entries, payment)
      expect(r.ok).toBe(true)
      if (r.ok) next = r.value
      model.payments.set(payment.id, { amountFen: o.amountFen, fundSource: o.fundSource, reversed: false })
    } else if (entries.length > 0) {
      const target = entries[o.target % entries.length]
      const householdId = o.wrongHousehold ? HOUSEHOLDS.find((h) => h !== target.householdId)! : target.householdId
      const made = makeReversal(target, entries, { id: `r${n}`, householdId, reason: '金额录入错误', by: clerk, approvedBy: boss, at })
      const m = model.payments.get(target.id)
      const allowed = target.kind === 'payment' && !o.wrongHousehold && m !== undefined && !m.reversed
      expect(made.ok).toBe(allowed)
      if (made.ok) {
        const r = appendEntry(entries, made.value)
        expect(r.ok).toBe(true)
        if (r.ok) next = r.value
        m!.reversed = true
      } else {
        expect(made.code).toBe(target.kind !== 'payment' ? 'VALIDATION' : o.wrongHousehold ? 'NOT_FOUND' : 'CONFLICT')
      }
    }
    expect(entries).toEqual(before)
    expect(next.slice(0, before.length)).toEqual(before)
    expect(next.length - before.length).toBeLessThanOrEqual(1)
    entries = next
  })
  return { entries, model }
}

describe('aid ledger: properties over random operation sequences', () => {
  const ops = fc.array(opArb, { maxLength: 60 })

  it('funds by source always sum to the total, which equals the model', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        const { bySource, totalFen } = totalsBySource(entries)
        expect(Object.values(bySource).reduce((a, b) => a + b, 0)).toBe(totalFen)
        const expected = Object.fromEntries(FUND_SOURCE_CODES.map((s) => [s, 0])) as Record<FundSource, number>
        for (const p of model.payments.values()) if (!p.reversed) expected[p.fundSource] += p.amountFen
        expect(bySource).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('a reversal nets its payment to zero; a payment not reversed nets to its amount', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        for (const [id, p] of model.payments) expect(netOfPayment(entries, id)).toBe(p.reversed ? 0 : p.amountFen)
        for (const e of entries) if (e.kind === 'reversal') expect(netOfPayment(entries, e.reversesId)).toBe(0)
      }),
      { numRuns: 300 },
    )
  })

  it('no payment is reversed twice, and person-times count the payments that stand', () => {
    fc.assert(
      fc.property(ops, (o) => {
        const { entries, model } = run(o)
        const reversed = entries.flatMap((e) => (e.kind === 'reversal' ? [e.reversesId] : []))
        expect(new Set(reversed).size).toBe(reversed.length)
        expect(personTimes(entries)).toBe([...model.payments.values()].filter((p) => !p.reversed).length)
      }),
      { numRuns: 300 },
    )
  })

  it('a forged second reversal, or one that does not mirror its payment, is refused by appendEntry', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 100 }), (o, delta) => {
        const { entries } = run(o)
        for (const e of entries) {
          if (e.kind === 'reversal') {
            const again = appendEntry(entries, { ...e, id: `${e.id}-again` })
            expect(again).toMatchObject({ ok: false, code: 'CONFLICT' })
          }
          if (e.kind === 'payment' && netOfPayment(entries, e.id) !== 0) {
            const off = makeReversal(e, entries, { id: `${e.id}-x`, householdId: e.householdId, reason: '测试', by: clerk, approvedBy: boss, at: e.createdAt })
            if (!off.ok) throw new Error(off.message)
            expect(appendEntry(entries, { ...off.value, amountFen: off.value.amountFen + delta })).toMatchObject({ ok: false, code: 'VALIDATION' })
          }
        }
      }),
      { numRuns: 100 },
    )
  })
})
