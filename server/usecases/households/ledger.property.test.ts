/**
 * Random sequences of payments and reversals, valid and invalid, through the `households`
 * function on one household: the stored ledger only ever grows (every earlier entry stays
 * deep-equal), each call adds exactly the entry it should or none, funds by source sum to the
 * total, and every reversal nets its payment to zero.
 */
import fc from 'fast-check'
import { shanghaiDate } from '../../../src/domain'
import { addDays, shanghaiDateOf } from '../../../src/domain/calendar'
import type { DisbursementEntry } from '../../../src/domain/ledger'
import { LEDGER_MAX_PAYMENT_FEN } from '../../../src/domain/ledger-schemas'
import { householdFixture, type HouseholdFixture } from '../../../test/support/households'
import { DAY } from '../../../test/support/review'

const RECORDER = 'o-caseworker'
/** Two who may approve the recorder's entries, the recorder, and a reviewer of another town. */
const APPROVERS = ['o-reviewer', 'o-city-admin', RECORDER, 'o-b-staff'] as const
const VALID_APPROVERS: readonly string[] = APPROVERS.slice(0, 2)
const SOURCES = ['central', 'provincial', 'prefecture', 'county', 'union', 'donation', 'lottery'] as const
const DAYS = ['today', 'yesterday', 'before-filing', 'tomorrow'] as const

type Op =
  | { kind: 'pay'; amountFen: number; fundSource: (typeof SOURCES)[number]; day: (typeof DAYS)[number]; approvedBy: string; retry: boolean }
  | { kind: 'reverse'; pick: number; approvedBy: string; reason: string; retry: boolean }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    amountFen: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: -1000, max: 0 }), fc.constant(LEDGER_MAX_PAYMENT_FEN), fc.constant(LEDGER_MAX_PAYMENT_FEN + 1)),
    fundSource: fc.constantFrom(...SOURCES),
    day: fc.constantFrom(...DAYS),
    approvedBy: fc.constantFrom(...APPROVERS),
    retry: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('reverse' as const),
    // -1: no such entry; -2: a payment of another household; else an index into the ledger.
    pick: fc.integer({ min: -2, max: 30 }),
    approvedBy: fc.constantFrom(...APPROVERS),
    reason: fc.constantFrom('重复发放', '金额录入错误', ''),
    retry: fc.boolean(),
  }),
)

describe('the ledger through the use cases, under random operations (SQLite)', () => {
  let f: HouseholdFixture
  let id: string
  let foreignPaymentId: string
  let filedOn: string
  let ledger: DisbursementEntry[] = []
  const done = new Set<string>()
  const lastRequest: Record<Op['kind'], string | null> = { pay: null, reverse: null }
  let requests = 0

  beforeAll(async () => {
    f = await householdFixture()
    id = (await f.file()).id
    const other = (await f.file()).id
    filedOn = shanghaiDateOf((await f.record(id)).filedAt)
    f.clock.advance(2 * DAY)
    const today = shanghaiDate(f.clock.now())
    const paid = await f.ok(RECORDER, 'recordPayment', { householdId: other, amountFen: 100, fundSource: 'union', paidOn: today, approvedBy: 'o-reviewer', note: '' })
    foreignPaymentId = paid.ledger[0].id
  })
  afterAll(() => f.close())

  /** Whether the contract's schema takes the input (checked before the use case, so before any replay). */
  const schemaValid = (op: Op) =>
    op.kind === 'pay' ? op.amountFen >= 1 && op.amountFen <= LEDGER_MAX_PAYMENT_FEN && op.fundSource !== 'lottery' : op.reason.length >= 2

  /** What the call should answer, from the ledger before it: 'ok', or the error code. */
  function expectedOutcome(op: Op, target: DisbursementEntry | null | 'foreign'): string {
    if (op.kind === 'pay') {
      const dayOk = op.day === 'today' || op.day === 'yesterday'
      return schemaValid(op) && dayOk && VALID_APPROVERS.includes(op.approvedBy) ? 'ok' : 'VALIDATION'
    }
    if (!schemaValid(op)) return 'VALIDATION'
    if (target === null || target === 'foreign') return 'NOT_FOUND'
    if (!VALID_APPROVERS.includes(op.approvedBy)) return 'VALIDATION'
    if (target.kind === 'reversal') return 'VALIDATION'
    return ledger.some((e) => e.reversesId === target.id) ? 'CONFLICT' : 'ok'
  }

  async function run(op: Op): Promise<void> {
    // One call a second, so "oldest first" is the order the entries were written in.
    f.clock.advance(1000)
    const today = shanghaiDate(f.clock.now())
    const previous = lastRequest[op.kind]
    const retried = op.retry && previous !== null
    const requestId = retried ? previous : `req-${op.kind}-${requests++}`
    lastRequest[op.kind] = requestId
    let reply
    let outcome: string
    if (op.kind === 'pay') {
      const paidOn = { today, yesterday: addDays(today, -1), 'before-filing': addDays(filedOn, -1), tomorrow: addDays(today, 1) }[op.day]
      outcome = expectedOutcome(op, null)
      reply = await f.hh(RECORDER, 'recordPayment', { householdId: id, amountFen: op.amountFen, fundSource: op.fundSource, paidOn, approvedBy: op.approvedBy, note: '' }, requestId)
    } else {
      const target = op.pick === -2 ? 'foreign' : op.pick < 0 || ledger.length === 0 ? null : ledger[op.pick % ledger.length]
      const paymentId = target === 'foreign' ? foreignPaymentId : target === null ? 'no-such-entry' : target.id
      outcome = expectedOutcome(op, target)
      reply = await f.hh(RECORDER, 'reversePayment', { householdId: id, paymentId, approvedBy: op.approvedBy, reason: op.reason }, requestId)
    }
    // A request that succeeded once answers ok again and writes nothing more (once its input passes the schema).
    const replayed = retried && done.has(requestId) && schemaValid(op)
    if (replayed) outcome = 'ok'
    expect(reply.ok ? 'ok' : reply.error.code).toBe(outcome)
    if (reply.ok) done.add(requestId)

    const after = await f.deps.store.repos.ledger.listByHousehold(id)
    expect(after.slice(0, ledger.length)).toEqual(ledger)
    expect(after).toHaveLength(ledger.length + (outcome === 'ok' && !replayed ? 1 : 0))
    ledger = after
  }

  function checkInvariants(view: { fundsBySource: Record<string, number>; fundsTotalFen: number }): void {
    const sum = Object.values(view.fundsBySource).reduce((a, b) => a + b, 0)
    expect(sum).toBe(view.fundsTotalFen)
    expect(view.fundsTotalFen).toBe(ledger.reduce((a, e) => a + e.amountFen, 0))
    const reversals = ledger.filter((e) => e.kind === 'reversal')
    expect(new Set(reversals.map((r) => r.reversesId)).size).toBe(reversals.length)
    for (const r of reversals) {
      const p = ledger.find((e) => e.id === r.reversesId)!
      expect(p).toMatchObject({ kind: 'payment', fundSource: r.fundSource, paidOn: r.paidOn, householdId: id })
      expect(p.amountFen + r.amountFen).toBe(0)
    }
  }

  it('keeps the ledger append-only and balanced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        // From the store, so a shrinking run after a failure starts from what is really there.
        ledger = await f.deps.store.repos.ledger.listByHousehold(id)
        lastRequest.pay = lastRequest.reverse = null
        for (const op of ops) await run(op)
        checkInvariants(await f.ok(RECORDER, 'get', { householdId: id }))
      }),
      { numRuns: 50 },
    )
    // The runs did write, and did reverse.
    expect(ledger.some((e) => e.kind === 'payment')).toBe(true)
    expect(ledger.some((e) => e.kind === 'reversal')).toBe(true)
  }, 120_000)
})
