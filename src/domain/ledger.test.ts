import { appendEntry, decideEntry, makePayment, makeReversal, netOfPayment, personTimes, totalsBySource, type DisbursementEntry } from './ledger'
import { DecideLedgerEntrySchema, LEDGER_MAX_PAYMENT_FEN, paymentDateProblem, RecordPaymentSchema, ReversePaymentSchema } from './ledger-schemas'
import { problemsByField, validate } from './validate'

const clerk = { openid: 'c1', name: '李娟' }
const boss = { openid: 'r1', name: '赵强' }
const facts = {
  householdId: 'h1',
  unitId: 'unit-532504001',
  amountFen: 80_000,
  fundSource: 'central' as const,
  measureId: 'm1',
  paidOn: '2020-01-15',
  payeeAccountMasked: '6222 **** 0123',
  note: '春节送温暖',
}
/** The entry as `by` decided it (the boss unless said). */
function decided<E extends DisbursementEntry>(e: E, status: 'approved' | 'rejected' = 'approved', by = boss): E {
  const d = decideEntry(e, { status, by, at: '2020-01-16T01:00:00.000Z', note: status === 'rejected' ? '金额有误' : '' })
  if (!d.ok) throw new Error(d.message)
  return d.value as E
}
const recorded = makePayment(facts, { id: 'p1', by: clerk, at: '2020-01-15T09:00:00.000Z', budgetId: 'u1:2020:central' })
const payment = decided(recorded)
const request = { id: 'r1', householdId: 'h1', reason: ' 金额录入错误 ', by: clerk, at: '2020-01-20T02:00:00.000Z' }

describe('ledger entries', () => {
  it('a payment is recorded pending, with no decision, drawing on its budget', () => {
    expect(recorded).toMatchObject({ status: 'pending', decision: null, budgetId: 'u1:2020:central', recordedBy: 'c1', recordedByName: '李娟' })
  })

  it('a reversal mirrors its approved payment, pending: negative amount, same source, date, household and budget, the reason', () => {
    const r = makeReversal(payment, [payment], request)
    expect(r).toEqual({
      ok: true,
      value: {
        ...payment,
        id: 'r1',
        kind: 'reversal',
        amountFen: -80_000,
        reversesId: 'p1',
        reason: '金额录入错误',
        note: '',
        createdAt: '2020-01-20T02:00:00.000Z',
        status: 'pending',
        decision: null,
      },
    })
  })

  it('a decision changes only the status and the decision, once, and never by the recorder', () => {
    const approved = decideEntry(recorded, { status: 'approved', by: boss, at: '2020-01-16T01:00:00.000Z', note: ' 忽略 ' })
    expect(approved).toEqual({ ok: true, value: { ...recorded, status: 'approved', decision: { status: 'approved', by: 'r1', byName: '赵强', at: '2020-01-16T01:00:00.000Z', note: '' } } })
    expect(decideEntry(recorded, { status: 'approved', by: clerk, at: '2020-01-16T01:00:00.000Z', note: '' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(decideEntry(payment, { status: 'rejected', by: boss, at: '2020-01-16T01:00:00.000Z', note: '重复' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(decideEntry(recorded, { status: 'rejected', by: boss, at: '2020-01-16T01:00:00.000Z', note: ' ' })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'note' })
    expect(decided(recorded, 'rejected').decision).toMatchObject({ status: 'rejected', note: '金额有误' })
  })

  it('only an approved payment may be reversed; a pending reversal blocks a second, a rejected one does not', () => {
    expect(makeReversal(recorded, [recorded], request)).toMatchObject({ ok: false, code: 'CONFLICT', field: 'paymentId' })
    const rejected = decided(recorded, 'rejected')
    expect(makeReversal(rejected, [rejected], request)).toMatchObject({ ok: false, code: 'CONFLICT' })
    const first = makeReversal(payment, [payment], request)
    if (!first.ok) throw new Error(first.message)
    expect(makeReversal(payment, [payment, first.value], { ...request, id: 'r2' })).toMatchObject({ ok: false, code: 'CONFLICT', message: '这笔发放的冲正正在等待审批，不能重复冲正' })
    expect(makeReversal(payment, [payment, decided(first.value, 'rejected')], { ...request, id: 'r2' })).toMatchObject({ ok: true })
  })

  it('refuses to reverse a reversal, a payment twice, a payment of another household, or without a reason', () => {
    const rev = makeReversal(payment, [payment], request)
    if (!rev.ok) throw new Error(rev.message)
    const ledger = [payment, decided(rev.value)]
    expect(makeReversal(rev.value, ledger, { ...request, id: 'r2' })).toEqual({ ok: false, code: 'VALIDATION', message: '冲正记录不能再次冲正', field: 'paymentId' })
    expect(makeReversal(payment, ledger, { ...request, id: 'r2' })).toEqual({ ok: false, code: 'CONFLICT', message: '这笔发放已经冲正，不能重复冲正', field: 'paymentId' })
    expect(makeReversal(payment, [payment], { ...request, householdId: 'h2' })).toEqual({ ok: false, code: 'NOT_FOUND', message: '该家庭没有这笔发放记录', field: 'paymentId' })
    expect(makeReversal(payment, [payment], { ...request, reason: ' ' })).toMatchObject({ ok: false, field: 'reason' })
  })

  it('appendEntry refuses a duplicate id, a non-positive payment and a reversal of an unknown payment', () => {
    expect(appendEntry([payment], payment)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(appendEntry([], { ...payment, amountFen: 0 })).toMatchObject({ ok: false, code: 'VALIDATION', field: 'amountFen' })
    expect(appendEntry([], { ...payment, amountFen: 1.5 })).toMatchObject({ ok: false, code: 'VALIDATION' })
    const rev = makeReversal(payment, [payment], request)
    if (!rev.ok) throw new Error(rev.message)
    expect(appendEntry([], rev.value)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(appendEntry([payment], { ...rev.value, paidOn: '2020-01-20' })).toMatchObject({ ok: false, code: 'VALIDATION' })
  })

  it('totals, net and person-times over a small ledger count approved entries only', () => {
    const meta = (id: string, at: string) => ({ id, by: clerk, at, budgetId: null })
    const p2 = decided(makePayment({ ...facts, fundSource: 'county', amountFen: 50_000 }, meta('p2', '2020-02-01T00:00:00.000Z')))
    const rev = makeReversal(payment, [payment, p2], request)
    if (!rev.ok) throw new Error(rev.message)
    const p3 = decided(makePayment({ ...facts, amountFen: 8_000 }, meta('p3', '2020-01-20T03:00:00.000Z')))
    const waiting = makePayment({ ...facts, amountFen: 1_000_000 }, meta('p4', '2020-01-21T03:00:00.000Z'))
    const rejected = decided(makePayment({ ...facts, fundSource: 'union', amountFen: 7_000 }, meta('p5', '2020-01-21T04:00:00.000Z')), 'rejected')
    const ledger: DisbursementEntry[] = [payment, p2, decided(rev.value), p3, waiting, rejected]
    expect(totalsBySource(ledger)).toEqual({ bySource: { central: 8_000, provincial: 0, prefecture: 0, county: 50_000, union: 0, donation: 0 }, totalFen: 58_000 })
    expect(netOfPayment(ledger, 'p1')).toBe(0)
    expect(netOfPayment(ledger, 'p2')).toBe(50_000)
    expect(netOfPayment(ledger, 'p4')).toBe(0)
    expect(netOfPayment(ledger, 'r1')).toBeNull()
    expect(netOfPayment(ledger, 'nope')).toBeNull()
    expect(personTimes(ledger)).toBe(2)
    // The reversal waiting for approval: the payment still counts.
    const pendingReversal: DisbursementEntry[] = [payment, rev.value]
    expect(totalsBySource(pendingReversal).totalFen).toBe(80_000)
    expect(netOfPayment(pendingReversal, 'p1')).toBe(80_000)
    expect(personTimes(pendingReversal)).toBe(1)
  })
})

describe('ledger input schemas', () => {
  const input = { householdId: 'h1', amountFen: 80_000, fundSource: 'central', paidOn: '2020-01-15' }

  it('accepts a payment and fills the defaults', () => {
    expect(validate(RecordPaymentSchema, input)).toEqual({ ok: true, value: { ...input, measureId: null, note: '' } })
  })

  it.each([
    { field: 'amountFen', value: 0, message: '发放金额应大于0' },
    { field: 'amountFen', value: 12.5, message: '发放金额应精确到分' },
    { field: 'amountFen', value: LEDGER_MAX_PAYMENT_FEN + 1, message: '单笔发放金额不能超过10万元' },
    { field: 'amountFen', value: '800', message: '发放金额应为数字' },
    { field: 'fundSource', value: 'lottery', message: '请选择资金来源' },
    { field: 'paidOn', value: '2020-02-30', message: '发放日期格式应为 2020-04-01 这样的日期' },
    { field: 'note', value: '备'.repeat(201), message: '备注不能超过200个字' },
  ])('$field: $message', ({ field, value, message }) => {
    const r = validate(RecordPaymentSchema, { ...input, [field]: value })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(problemsByField(r.problems)[field]).toBe(message)
  })

  it('a payment date after today is refused; today is fine', () => {
    expect(paymentDateProblem('2020-01-16', '2020-01-15')).toEqual({ field: 'paidOn', message: '发放日期不能晚于今天' })
    expect(paymentDateProblem('2020-01-15', '2020-01-15')).toBeNull()
  })

  it('a reversal needs a reason of 2 to 200 characters', () => {
    const ok = { householdId: 'h1', paymentId: 'p1', reason: '金额录入错误' }
    expect(validate(ReversePaymentSchema, ok)).toEqual({ ok: true, value: ok })
    const short = validate(ReversePaymentSchema, { ...ok, reason: ' 错 ' })
    expect(short.ok || problemsByField(short.problems)).toEqual({ reason: '冲正原因至少2个字' })
    const extra = validate(ReversePaymentSchema, { ...ok, amountFen: 1 })
    expect(extra.ok).toBe(false)
    // Nobody names an approver any more: the field is unknown.
    expect(validate(ReversePaymentSchema, { ...ok, approvedBy: 'r1' }).ok).toBe(false)
    expect(validate(RecordPaymentSchema, { ...input, approvedBy: 'r1' }).ok).toBe(false)
  })

  it('a decision: approved needs nothing more, a rejection its reason', () => {
    expect(validate(DecideLedgerEntrySchema, { entryId: 'p1', decision: 'approved' })).toEqual({ ok: true, value: { entryId: 'p1', decision: 'approved', note: '' } })
    const bare = validate(DecideLedgerEntrySchema, { entryId: 'p1', decision: 'rejected', note: ' ' })
    expect(bare.ok || problemsByField(bare.problems)).toEqual({ note: '请填写驳回原因' })
    expect(validate(DecideLedgerEntrySchema, { entryId: 'p1', decision: 'maybe' }).ok).toBe(false)
  })
})
