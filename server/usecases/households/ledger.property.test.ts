/**
 * Random sequences of payments, reversals and decisions, valid and invalid, retried or not,
 * through the `households` function on one household: an entry's facts never change (only a
 * pending entry's status, once), each call adds or decides exactly what it should or nothing, a
 * request id reused on another target is refused, the totals count approved entries only and sum
 * by source, and every approved reversal nets its payment to zero.
 */
import fc from 'fast-check'
import { shanghaiDate } from '../../../src/domain'
import { addDays, shanghaiDateOf } from '../../../src/domain/calendar'
import type { DisbursementEntry } from '../../../src/domain/ledger'
import { LEDGER_MAX_PAYMENT_FEN } from '../../../src/domain/ledger-schemas'
import { householdFixture, type HouseholdFixture } from '../../../test/support/households'
import { DAY } from '../../../test/support/review'

/** A reviewer who records: a second reviewer must decide. */
const RECORDER = 'o-reviewer'
/** Who tries to decide: a reviewer covering the household, the recorder himself, a reviewer of another town. */
const DECIDERS = ['o-city-admin', RECORDER, 'o-b-staff'] as const
const SOURCES = ['central', 'provincial', 'prefecture', 'county', 'union', 'donation', 'lottery'] as const
const DAYS = ['today', 'yesterday', 'before-filing', 'tomorrow'] as const

type Op =
  | { kind: 'pay'; amountFen: number; fundSource: (typeof SOURCES)[number]; day: (typeof DAYS)[number]; retry: boolean }
  | { kind: 'reverse'; pick: number; reason: string; retry: boolean }
  | { kind: 'decide'; pick: number; by: (typeof DECIDERS)[number]; approve: boolean; note: string; retry: boolean }

// -1: no such entry; -2: a payment of another household (no such entry for a decision); else an index into the ledger.
const pick = fc.integer({ min: -2, max: 30 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    amountFen: fc.oneof(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: -1000, max: 0 }), fc.constant(LEDGER_MAX_PAYMENT_FEN), fc.constant(LEDGER_MAX_PAYMENT_FEN + 1)),
    fundSource: fc.constantFrom(...SOURCES),
    day: fc.constantFrom(...DAYS),
    retry: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick, reason: fc.constantFrom('重复发放', '金额录入错误', ''), retry: fc.boolean() }),
  fc.record({ kind: fc.constant('decide' as const), pick, by: fc.constantFrom(...DECIDERS), approve: fc.boolean(), note: fc.constantFrom('', '金额有误'), retry: fc.boolean() }),
)

/** The facts of an entry: all a decision may not change. */
const facts = ({ status: _s, decision: _d, ...rest }: DisbursementEntry) => rest

describe('the ledger through the use cases, under random operations (SQLite)', () => {
  let f: HouseholdFixture
  let id: string
  let foreignPaymentId: string
  let filedOn: string
  let ledger: DisbursementEntry[] = []
  /** Request ids that succeeded, with the target they succeeded on. */
  const done = new Map<string, string>()
  const lastRequest: Record<Op['kind'], string | null> = { pay: null, reverse: null, decide: null }
  let requests = 0

  beforeAll(async () => {
    f = await householdFixture()
    id = (await f.file()).id
    const other = (await f.file()).id
    filedOn = shanghaiDateOf((await f.record(id)).filedAt)
    f.clock.advance(2 * DAY)
    const today = shanghaiDate(f.clock.now())
    const paid = await f.ok(RECORDER, 'recordPayment', { householdId: other, amountFen: 100, fundSource: 'union', paidOn: today, note: '' })
    foreignPaymentId = paid.ledger[0].id
  })
  afterAll(() => f.close())

  /** Whether the contract's schema takes the input (checked before the use case, so before any replay). */
  const schemaValid = (op: Op) =>
    op.kind === 'pay'
      ? op.amountFen >= 1 && op.amountFen <= LEDGER_MAX_PAYMENT_FEN && op.fundSource !== 'lottery'
      : op.kind === 'reverse'
        ? op.reason.length >= 2
        : op.approve || op.note.length >= 2

  /** What the call should answer, from the ledger before it: 'ok', or the error code. */
  async function expectedOutcome(op: Op, target: DisbursementEntry | null | 'foreign'): Promise<string> {
    if (!schemaValid(op)) return 'VALIDATION'
    if (op.kind === 'pay') {
      if (op.day !== 'today' && op.day !== 'yesterday') return 'VALIDATION'
      const budget = (await f.deps.store.repos.budgets.get(`unit-root:2026:${op.fundSource}`))!
      return op.amountFen <= budget.amountFen - budget.committedFen ? 'ok' : 'VALIDATION'
    }
    if (target === null || target === 'foreign') return 'NOT_FOUND'
    if (op.kind === 'reverse') {
      if (target.kind === 'reversal') return 'VALIDATION'
      if (target.status !== 'approved') return 'CONFLICT'
      return ledger.some((e) => e.reversesId === target.id && e.status !== 'rejected') ? 'CONFLICT' : 'ok'
    }
    if (op.by === 'o-b-staff') return 'NOT_FOUND'
    if (target.status !== 'pending') return 'CONFLICT'
    return op.by === RECORDER ? 'FORBIDDEN' : 'ok'
  }

  async function run(op: Op): Promise<void> {
    // One call a second, so "oldest first" is the order the entries were written in.
    f.clock.advance(1000)
    const today = shanghaiDate(f.clock.now())
    const previous = lastRequest[op.kind]
    const retried = op.retry && previous !== null
    const requestId = retried ? previous : `req-${op.kind}-${requests++}`
    lastRequest[op.kind] = requestId
    // Another household's payment is a target for reversals only (a decision is by entry, not by household).
    const target = op.kind === 'pay' ? null : op.pick === -2 && op.kind === 'reverse' ? 'foreign' : op.pick < 0 || ledger.length === 0 ? null : ledger[op.pick % ledger.length]
    const entryId = target === 'foreign' ? foreignPaymentId : target === null ? 'no-such-entry' : target.id
    let outcome = await expectedOutcome(op, target)
    let reply
    if (op.kind === 'pay') {
      const paidOn = { today, yesterday: addDays(today, -1), 'before-filing': addDays(filedOn, -1), tomorrow: addDays(today, 1) }[op.day]
      reply = await f.hh(RECORDER, 'recordPayment', { householdId: id, amountFen: op.amountFen, fundSource: op.fundSource, paidOn, note: '' }, requestId)
    } else if (op.kind === 'reverse') {
      reply = await f.hh(RECORDER, 'reversePayment', { householdId: id, paymentId: entryId, reason: op.reason }, requestId)
    } else {
      reply = await f.hh(op.by, 'decideLedgerEntry', { entryId, decision: op.approve ? 'approved' : 'rejected', note: op.note }, requestId)
    }
    // A request id that succeeded once answers its first reply again on the same target and
    // writes nothing more; on another target it is refused (once its input passes the schema).
    const first = retried && schemaValid(op) ? done.get(`${op.kind === 'decide' ? op.by : RECORDER}:${requestId}`) : undefined
    const targetKey = op.kind === 'pay' ? id : entryId
    const replayed = first !== undefined && first === targetKey
    if (first !== undefined) outcome = replayed ? 'ok' : 'CONFLICT'
    expect(reply.ok ? 'ok' : reply.error.code).toBe(outcome)
    if (reply.ok && !replayed) done.set(`${op.kind === 'decide' ? op.by : RECORDER}:${requestId}`, targetKey)

    const after = await f.deps.store.repos.ledger.listByHousehold(id)
    expect(after.slice(0, ledger.length).map(facts)).toEqual(ledger.map(facts))
    const added = outcome === 'ok' && !replayed && op.kind !== 'decide' ? 1 : 0
    expect(after).toHaveLength(ledger.length + added)
    const decided = after.slice(0, ledger.length).filter((e, i) => e.status !== ledger[i].status)
    expect(decided.map((e) => e.id)).toEqual(outcome === 'ok' && !replayed && op.kind === 'decide' ? [entryId] : [])
    for (const e of decided) expect(ledger.find((l) => l.id === e.id)?.status).toBe('pending')
    ledger = after
  }

  function checkInvariants(view: { fundsBySource: Record<string, number>; fundsTotalFen: number }): void {
    const sum = Object.values(view.fundsBySource).reduce((a, b) => a + b, 0)
    expect(sum).toBe(view.fundsTotalFen)
    const approved = ledger.filter((e) => e.status === 'approved')
    expect(view.fundsTotalFen).toBe(approved.reduce((a, e) => a + e.amountFen, 0))
    const standing = ledger.filter((e) => e.kind === 'reversal' && e.status !== 'rejected')
    expect(new Set(standing.map((r) => r.reversesId)).size).toBe(standing.length)
    for (const r of ledger.filter((e) => e.kind === 'reversal')) {
      const p = ledger.find((e) => e.id === r.reversesId)!
      expect(p).toMatchObject({ kind: 'payment', status: 'approved', fundSource: r.fundSource, paidOn: r.paidOn, householdId: id })
      // Once approved, the reversal nets its payment to zero.
      if (r.status === 'approved') expect(approved.filter((e) => e.id === p.id || e.reversesId === p.id).reduce((a, e) => a + e.amountFen, 0)).toBe(0)
    }
  }

  it('keeps the ledger append-only, decided once, and balanced over approved entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        // From the store, so a shrinking run after a failure starts from what is really there.
        ledger = await f.deps.store.repos.ledger.listByHousehold(id)
        lastRequest.pay = lastRequest.reverse = lastRequest.decide = null
        for (const op of ops) await run(op)
        checkInvariants(await f.ok(RECORDER, 'get', { householdId: id }))
      }),
      { numRuns: 50 },
    )
    // Then one sequence that surely approves a payment and its reversal, whatever the random runs drew.
    lastRequest.pay = lastRequest.reverse = lastRequest.decide = null
    ledger = await f.deps.store.repos.ledger.listByHousehold(id)
    const roomy: (typeof SOURCES)[number][] = []
    for (const source of SOURCES.filter((s) => s !== 'lottery')) {
      const b = (await f.deps.store.repos.budgets.get(`unit-root:2026:${source}`))!
      if (b.amountFen - b.committedFen >= 200) roomy.push(source)
    }
    await run({ kind: 'pay', amountFen: 100, fundSource: roomy[0], day: 'today', retry: false })
    await run({ kind: 'decide', pick: ledger.length - 1, by: 'o-city-admin', approve: true, note: '', retry: false })
    await run({ kind: 'reverse', pick: ledger.length - 1, reason: '重复发放', retry: false })
    await run({ kind: 'decide', pick: ledger.length - 1, by: 'o-city-admin', approve: true, note: '', retry: false })
    await run({ kind: 'pay', amountFen: 100, fundSource: roomy[0], day: 'today', retry: false })
    await run({ kind: 'decide', pick: ledger.length - 1, by: 'o-city-admin', approve: false, note: '金额有误', retry: false })
    checkInvariants(await f.ok(RECORDER, 'get', { householdId: id }))
    // The runs did write, approve, reject and reverse.
    expect(ledger.some((e) => e.kind === 'payment' && e.status === 'approved')).toBe(true)
    expect(ledger.some((e) => e.status === 'rejected')).toBe(true)
    expect(ledger.some((e) => e.kind === 'reversal' && e.status === 'approved')).toBe(true)
  }, 120_000)
})
