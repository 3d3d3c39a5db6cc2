import type { HouseholdView } from '../../../src/domain/api/households'
import { findAuditBreak } from '../shared/audit'
import { householdFixture, type HouseholdFixture } from '../../../test/support/households'
import { DAY } from '../../../test/support/review'
import { reversalIdOf } from './ledger'

describe('the aid ledger (SQLite, through the event contract)', () => {
  let f: HouseholdFixture
  let id: string
  beforeEach(async () => {
    f = await householdFixture()
    id = (await f.file()).id
  })
  afterEach(() => f.close())

  // Filed on 2026-03-07 (Asia/Shanghai), which is also today.
  const pay = (over: Record<string, unknown> = {}) => ({ householdId: id, amountFen: 50_000, fundSource: 'central', paidOn: '2026-03-07', approvedBy: 'o-reviewer', note: '春节慰问金', ...over })
  const reverse = (paymentId: string, over: Record<string, unknown> = {}) => ({ householdId: id, paymentId, approvedBy: 'o-reviewer', reason: '金额录入错误', ...over })
  const ledgerOf = () => f.deps.store.repos.ledger.listByHousehold(id)

  it('records a payment approved by a second person, with the payee account masked, and audits it without free text', async () => {
    const view = await f.ok('o-caseworker', 'recordPayment', pay())
    expect(view.ledger).toEqual([
      expect.objectContaining({
        kind: 'payment',
        amountFen: 50_000,
        fundSource: 'central',
        paidOn: '2026-03-07',
        unitId: 'unit-a1',
        measureId: null,
        payeeAccountMasked: '6228 **** 9012',
        recordedBy: 'o-caseworker',
        recordedByName: '李娟',
        approvedBy: 'o-reviewer',
        approvedByName: '周敏',
        note: '春节慰问金',
        reversed: false,
      }),
    ])
    expect(view.fundsBySource).toMatchObject({ central: 50_000, provincial: 0 })
    expect(view.fundsTotalFen).toBe(50_000)
    expect(view.actions).toEqual(expect.arrayContaining(['recordPayment', 'reversePayment']))
    const events = await f.deps.store.repos.audit.list(1, 500)
    expect(events[events.length - 1]).toMatchObject({ action: 'household.payment.record', subject: id, detail: { amountFen: 50_000, fundSource: 'central', approvedBy: 'o-reviewer' } })
    expect(JSON.stringify(events)).not.toMatch(/春节慰问金|6228|9012/)
    expect(await findAuditBreak(f.deps.store.repos, f.deps.cipher)).toBeNull()
  })

  it('links a payment to a measure of this household only', async () => {
    const withMeasure = await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'medical', description: '慢性病医疗救助', outcome: '' })
    const measureId = withMeasure.measures[0].id
    const linked = await f.ok('o-caseworker', 'recordPayment', pay({ measureId, fundSource: 'county' }))
    expect(linked.ledger[0]).toMatchObject({ measureId, fundSource: 'county' })
    const other = (await f.file()).id
    const foreign = (await f.ok('o-caseworker', 'addMeasure', { householdId: other, kind: 'living', description: '生活救助', outcome: '' })).measures[0].id
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ measureId: foreign }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'measureId', message: '请选择这户家庭的帮扶措施' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ measureId: 'no-such-measure' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'measureId' } })
  })

  it('refuses a payment dated after today or before the filing, and a bad amount, naming the field', async () => {
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-08' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidOn', message: '发放日期不能晚于今天' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-06' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidOn', message: '发放日期不能早于建档日期（2026-03-07）' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 0 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 10.5 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen' } })
    // A day later, yesterday's payment is fine.
    f.clock.advance(DAY)
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-08' }))).toMatchObject({ ok: true })
    expect(await ledgerOf()).toHaveLength(1)
  })

  it('needs an approver who is an active reviewer covering the household and not the recorder', async () => {
    const refused = async (openid: string, approvedBy: string) => {
      const r = await f.hh(openid, 'recordPayment', pay({ approvedBy }))
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'approvedBy' } })
      return !r.ok && r.error.message
    }
    expect(await refused('o-reviewer', 'o-reviewer')).toBe('审批人不能是登记人本人，请选择另一位审核人员')
    // Outside the household's jurisdiction, not a reviewer, unknown, or no longer active.
    expect(await refused('o-caseworker', 'o-b-staff')).toBe('审批人应为负责这户家庭的在职审核人员，请重新选择')
    await refused('o-caseworker', 'o-caseworker-2')
    await refused('o-caseworker', 'o-nobody')
    await f.deps.store.repos.staff.put({ openid: 'o-retired', displayName: '退休', unitId: 'unit-a', roles: ['reviewer'], active: false })
    await refused('o-caseworker', 'o-retired')
    expect(await ledgerOf()).toEqual([])
    // The city federation's reviewer covers every household; a reviewer records, another approves.
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ approvedBy: 'o-city-admin' }))).toMatchObject({ ok: true })
    expect(await f.hh('o-reviewer', 'recordPayment', pay({ approvedBy: 'o-city-admin' }))).toMatchObject({ ok: true })
    expect(await ledgerOf()).toHaveLength(2)
  })

  it('writes one entry for a retried request (same requestId), a second for a new one', async () => {
    const a = await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0001')
    const b = await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0001')
    expect(a).toMatchObject({ ok: true })
    expect(b).toEqual(a)
    expect(await ledgerOf()).toHaveLength(1)
    expect(await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0002')).toMatchObject({ ok: true })
    expect(await ledgerOf()).toHaveLength(2)
    const audits = (await f.deps.store.repos.audit.list(1, 500)).filter((e) => e.action === 'household.payment.record')
    expect(audits).toHaveLength(2)
  })

  it('reverses a payment once: nets to zero, marks it reversed, refuses a second reversal and a reversal of a reversal', async () => {
    const paid = await f.ok('o-caseworker', 'recordPayment', pay({ fundSource: 'union', amountFen: 123_456 }))
    const paymentId = paid.ledger[0].id
    const before = await ledgerOf()
    const reversed = await f.ok('o-caseworker', 'reversePayment', reverse(paymentId))
    expect(reversed.ledger).toEqual([
      expect.objectContaining({ id: paymentId, reversed: true, amountFen: 123_456 }),
      expect.objectContaining({ id: reversalIdOf(paymentId), kind: 'reversal', reversesId: paymentId, amountFen: -123_456, fundSource: 'union', paidOn: '2026-03-07', reason: '金额录入错误', reversed: false }),
    ])
    expect(reversed.fundsTotalFen).toBe(0)
    expect(reversed.fundsBySource.union).toBe(0)
    expect(reversed.actions).not.toContain('reversePayment')
    // The payment itself is untouched.
    expect((await ledgerOf())[0]).toEqual(before[0])
    expect(await f.hh('o-reviewer', 'reversePayment', reverse(paymentId, { approvedBy: 'o-city-admin' }))).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(reversalIdOf(paymentId)))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paymentId' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse('no-such-entry'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'paymentId' } })
    expect(await ledgerOf()).toHaveLength(2)
    const detail = (await f.deps.store.repos.audit.list(1, 500)).find((e) => e.action === 'household.payment.reverse')!.detail
    expect(detail).toEqual({ entryId: reversalIdOf(paymentId), reversesId: paymentId, amountFen: -123_456, fundSource: 'union', approvedBy: 'o-reviewer' })
  })

  it('applies the approver rules to reversals, and refuses a payment of another household', async () => {
    const paymentId = (await f.ok('o-caseworker', 'recordPayment', pay())).ledger[0].id
    expect(await f.hh('o-reviewer', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'approvedBy' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(paymentId, { approvedBy: 'o-b-staff' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'approvedBy' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(paymentId, { reason: '错' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    const other = (await f.file()).id
    expect(await f.hh('o-caseworker', 'reversePayment', { ...reverse(paymentId), householdId: other })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'paymentId' } })
    expect(await ledgerOf()).toHaveLength(1)
  })

  it('takes no new payment on a deregistered household, but a mistaken one can still be reversed', async () => {
    const paymentId = (await f.ok('o-caseworker', 'recordPayment', pay())).ledger[0].id
    const proposed = await f.ok('o-caseworker', 'proposeDeregistration', { householdId: id, expectedVersion: (await f.record(id)).version, reason: 'stable-employment', text: '' })
    await f.ok('o-reviewer', 'decideDeregistration', { householdId: id, expectedVersion: proposed.version, approve: true, note: '' })
    expect(await f.hh('o-caseworker', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该家庭已脱困注销，不能登记帮扶资金发放' } })
    const view = await f.ok('o-caseworker', 'reversePayment', reverse(paymentId))
    expect(view.fundsTotalFen).toBe(0)
  })

  it('lets only caseworkers and reviewers of the jurisdiction touch money', async () => {
    expect(await f.hh('o-town-admin', 'recordPayment', pay({ approvedBy: 'o-reviewer' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('w-someone', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-b-staff', 'recordPayment', pay({ approvedBy: 'o-city-admin' }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // The city's admin who is also a reviewer may record; its admin role alone would not do.
    expect(await f.hh('o-city-admin', 'recordPayment', pay({ approvedBy: 'o-reviewer' }))).toMatchObject({ ok: true })
    const paymentId = (await ledgerOf())[0].id
    expect(await f.hh('o-town-admin', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-b-staff', 'reversePayment', reverse(paymentId, { approvedBy: 'o-city-admin' }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Admins read the ledger but are offered no money action.
    const seen = await f.ok('o-town-admin', 'get', { householdId: id })
    expect(seen.ledger).toHaveLength(1)
    expect(seen.actions).not.toEqual(expect.arrayContaining(['recordPayment']))
    expect(seen.actions).not.toContain('reversePayment')
  })

  it('returns the view of the household as the recorder sees it', async () => {
    const view: HouseholdView = await f.ok('o-caseworker', 'recordPayment', pay())
    expect(view).toMatchObject({ id, status: 'filed', unitName: '农机厂工会', headNameMasked: '张*明' })
    expect(JSON.stringify(view)).not.toMatch(/张小明|6228480123456789012/)
  })
})
