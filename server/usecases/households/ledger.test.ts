import type { BudgetView, HouseholdView, PendingEntry, PendingLedgerPage } from '../../../src/domain/api/households'
import { findAuditBreak } from '../shared/audit-check'
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
  const pay = (over: Record<string, unknown> = {}) => ({ householdId: id, amountFen: 50_000, fundSource: 'central', paidOn: '2026-03-07', note: '春节慰问金', ...over })
  const reverse = (paymentId: string, over: Record<string, unknown> = {}) => ({ householdId: id, paymentId, reason: '金额录入错误', ...over })
  const ledgerOf = () => f.deps.store.repos.ledger.listByHousehold(id)
  const decide = (openid: string, entryId: string, decision: 'approved' | 'rejected' = 'approved', note = '') =>
    f.hh<PendingEntry>(openid, 'decideLedgerEntry', { entryId, decision, note })
  const approve = async (entryId: string, openid = 'o-reviewer') => {
    const r = await decide(openid, entryId)
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
    return r.data
  }
  /** Records a payment; its entry id. */
  const paid = async (over: Record<string, unknown> = {}, openid = 'o-caseworker') => {
    const before = new Set((await ledgerOf()).map((e) => e.id))
    const view = await f.ok(openid, 'recordPayment', pay(over))
    return view.ledger.find((e) => !before.has(e.id))!.id
  }
  const setBudget = (unitId: string, amountFen: number, over: Record<string, unknown> = {}, openid = 'o-city-admin') =>
    f.hh<BudgetView>(openid, 'setBudget', { unitId, year: 2026, fundSource: 'central', amountFen, expectedVersion: 0, ...over })
  const budget = (unitId: string, source = 'central') => f.deps.store.repos.budgets.get(`${unitId}:2026:${source}`)

  it('records a payment pending: shown to the recorder as pending, counted nowhere, audited without free text', async () => {
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
        note: '春节慰问金',
        status: 'pending',
        decision: null,
        budgetId: 'unit-root:2026:central',
        reversed: false,
        reversalPending: false,
      }),
    ])
    expect(view.fundsBySource.central).toBe(0)
    expect(view.fundsTotalFen).toBe(0)
    // Nothing to reverse while it waits: a mistake is rejected instead.
    expect(view.actions).not.toContain('reversePayment')
    const events = await f.deps.store.repos.audit.list(null, 500)
    expect(events[events.length - 1]).toMatchObject({ action: 'household.payment.record', subject: id, detail: { amountFen: 50_000, fundSource: 'central', status: 'pending' } })
    // Neither the note nor the account, whole, masked or as its first or last four digits. Hashes and
    // random ids may hold the digits 6228 or 9012 inside a longer value, so those are matched whole.
    expect(JSON.stringify(events)).not.toMatch(/春节慰问金|6228480123456789012|\*{4}|"(?:6228|9012)"|[:[,](?:6228|9012)[,\]}]/)
  })

  it('counts a payment once another reviewer covering the household approves it; the decision is audited', async () => {
    const entryId = await paid()
    const decided = await approve(entryId)
    expect(decided).toMatchObject({ entry: { id: entryId, status: 'approved', decision: { status: 'approved', by: 'o-reviewer', byName: '周敏', note: '' } }, mine: false, mayDecide: false })
    const view = await f.ok('o-caseworker', 'get', { householdId: id })
    expect(view.fundsBySource).toMatchObject({ central: 50_000, provincial: 0 })
    expect(view.fundsTotalFen).toBe(50_000)
    expect(view.actions).toEqual(expect.arrayContaining(['recordPayment', 'reversePayment']))
    const events = await f.deps.store.repos.audit.list(null, 500)
    expect(events[events.length - 1]).toMatchObject({ action: 'ledger.entry.approve', actor: 'o-reviewer', subject: id, detail: { entryId, kind: 'payment', amountFen: 50_000, recordedBy: 'o-caseworker' } })
    expect(await decide('o-city-admin', entryId, 'rejected', '重复')).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'entryId' } })
    expect(await findAuditBreak(f.deps.store.repos, f.deps.cipher)).toBeNull()
  })

  it('nobody approves their own entry; only an active reviewer covering the household decides', async () => {
    const own = await paid({}, 'o-reviewer')
    expect(await decide('o-reviewer', own)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能审批自己登记的记录，请由另一位审核人员审批' } })
    expect(await decide('o-reviewer', own, 'rejected', '登记错了')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const entryId = await paid()
    // A caseworker and an admin without the reviewer role may not; a reviewer elsewhere does not see it.
    expect(await decide('o-caseworker-2', entryId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await decide('o-town-admin', entryId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await decide('o-b-staff', entryId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'entryId' } })
    expect(await decide('o-reviewer', 'no-such-entry')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'entryId' } })
    expect((await ledgerOf()).map((e) => e.status)).toEqual(['pending', 'pending'])
    // The city federation's reviewer covers every household.
    await approve(own, 'o-city-admin')
    await approve(entryId, 'o-city-admin')
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(100_000)
  })

  it('a rejection says why, gives the budget back, and leaves the entry on file, counted nowhere', async () => {
    const entryId = await paid({ amountFen: 300_000 })
    expect((await budget('unit-root'))?.committedFen).toBe(300_000)
    expect(await decide('o-reviewer', entryId, 'rejected', ' ')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
    expect(await decide('o-reviewer', entryId, 'rejected', '收款人信息有误')).toMatchObject({ ok: true, data: { entry: { status: 'rejected', decision: { note: '收款人信息有误' } } } })
    expect((await budget('unit-root'))?.committedFen).toBe(0)
    const view = await f.ok('o-caseworker', 'get', { householdId: id })
    expect(view.ledger).toEqual([expect.objectContaining({ id: entryId, amountFen: 300_000, status: 'rejected' })])
    expect(view.fundsTotalFen).toBe(0)
    expect(await decide('o-reviewer', entryId)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(entryId))).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } })
  })

  it('the pending list shows the jurisdiction’s entries oldest first, marks the caller’s own, and counts what they may approve', async () => {
    const a = await paid({ amountFen: 10_000 })
    f.clock.advance(60_000)
    const b = await paid({ amountFen: 20_000 }, 'o-reviewer')
    const other = await f.file('unit-b1')
    await f.ok('o-b-staff', 'recordPayment', { ...pay(), householdId: other.id, paidOn: (await f.ok('o-b-staff', 'get', { householdId: other.id })).filedAt.slice(0, 10) })
    const page = await f.ok<PendingLedgerPage>('o-reviewer', 'pendingLedger', {})
    expect(page).toMatchObject({ total: 2, approvable: 1, nextCursor: null })
    expect(page.items.map((i) => [i.entry.id, i.mine, i.mayDecide])).toEqual([
      [a, false, true],
      [b, true, false],
    ])
    expect(page.items[0]).toMatchObject({ householdNumber: expect.stringMatching(/^MLS-H-/), headNameMasked: '张*明', unitName: '农机厂工会' })
    // The city's reviewer sees every jurisdiction; a caseworker sees the list but decides nothing.
    expect(await f.ok<PendingLedgerPage>('o-city-admin', 'pendingLedger', {})).toMatchObject({ total: 3, approvable: 3 })
    expect(await f.ok<PendingLedgerPage>('o-caseworker', 'pendingLedger', {})).toMatchObject({ total: 2, approvable: 0 })
    expect(await f.hh('o-town-admin', 'pendingLedger', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // A page at a time: the cursor goes on after the last one shown; a cursor not given is refused on its field.
    const first = await f.ok<PendingLedgerPage>('o-reviewer', 'pendingLedger', { pageSize: 1 })
    expect([first.items.map((i) => i.entry.id), first.total, first.approvable]).toEqual([[a], 2, 1])
    const second = await f.ok<PendingLedgerPage>('o-reviewer', 'pendingLedger', { pageSize: 1, cursor: first.nextCursor! })
    expect([second.items.map((i) => i.entry.id), second.nextCursor]).toEqual([[b], null])
    expect(await f.hh('o-reviewer', 'pendingLedger', { pageSize: 1, cursor: 'bm9wZQ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cursor' } })
    expect(await f.hh('o-reviewer', 'pendingLedger', { page: 1, pageSize: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    await approve(a)
    expect(await f.ok<PendingLedgerPage>('o-reviewer', 'pendingLedger', {})).toMatchObject({ total: 1, approvable: 0 })
  })

  it('20 payments of 100,000 yuan in a second: the budget refuses what exceeds it, pending payments included', async () => {
    expect(await setBudget('unit-a', 30_000_000)).toMatchObject({ ok: true, data: { unitName: '弥阳街道总工会', amountFen: 30_000_000, committedFen: 0, leftFen: 30_000_000 } })
    const replies = await Promise.all(Array.from({ length: 20 }, () => f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 10_000_000 }))))
    expect(replies.filter((r) => r.ok)).toHaveLength(3)
    for (const r of replies.filter((r) => !r.ok)) {
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen', message: '超出预算：2026年中央财政预算只剩 0 元（含待审批）' } })
    }
    const ledger = await ledgerOf()
    expect(ledger.map((e) => [e.status, e.budgetId])).toEqual(Array(3).fill(['pending', 'unit-a:2026:central']))
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(0)
    expect(await budget('unit-a')).toMatchObject({ committedFen: 30_000_000 })
    // The city's budget is not touched: a payment draws on the nearest one.
    expect(await budget('unit-root')).toMatchObject({ committedFen: 0 })
    for (const e of ledger) await approve(e.id)
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(30_000_000)
  })

  it('two pending payments cannot together exceed a budget; a rejection frees its share again', async () => {
    await setBudget('unit-a1', 150_000)
    const first = await paid({ amountFen: 100_000 })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 100_000 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen', message: '超出预算：2026年中央财政预算只剩 500 元（含待审批）' } })
    await decide('o-reviewer', first, 'rejected', '金额有误')
    await paid({ amountFen: 100_000 })
    expect(await budget('unit-a1')).toMatchObject({ amountFen: 150_000, committedFen: 100_000 })
  })

  it('without a budget for the year and the source there is no money to pay from', async () => {
    // Three years on: the city has set its budgets for the fixture's year and the two after it only.
    f.clock.advance(Date.parse('2029-01-02T02:00:00Z') - f.clock.now().getTime())
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2029-01-02' }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'fundSource', message: '2029年中央财政还没有预算，请联系管理员先设置预算' },
    })
    // A payment of the year before still draws on that year's budget.
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2028-12-31' }))).toMatchObject({ ok: true })
    expect(await setBudget('unit-root', 100_000, { year: 2029 })).toMatchObject({ ok: true })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2029-01-02' }))).toMatchObject({ ok: true })
    expect((await ledgerOf()).map((e) => e.budgetId).sort()).toEqual(['unit-root:2028:central', 'unit-root:2029:central'])
  })

  it('budgets are set by admins for the units below them, at the version seen, never below what is committed, audited', async () => {
    // A township admin cannot give their own unit money; the city admin can, and the township admin can for units below.
    expect(await setBudget('unit-a', 100_000, {}, 'o-town-admin')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'unitId', message: '本单位的预算由上级工会设置' } })
    expect(await setBudget('unit-a1', 100_000, {}, 'o-town-admin')).toMatchObject({ ok: true, data: { setBy: 'o-town-admin', version: 1 } })
    expect(await setBudget('unit-b', 100_000, {}, 'o-town-admin')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
    expect(await setBudget('unit-a1', 100_000, {}, 'o-reviewer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await setBudget('unit-a1', 200_000, { expectedVersion: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await paid({ amountFen: 80_000 })
    // A payment moved the version on: the admin reads it again.
    expect(await setBudget('unit-a1', 90_000, { expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await setBudget('unit-a1', 70_000, { expectedVersion: 2 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen', message: '预算不能少于已发放和待审批的 800 元' } })
    expect(await setBudget('unit-a1', 90_000, { expectedVersion: 2 })).toMatchObject({ ok: true, data: { amountFen: 90_000, committedFen: 80_000, leftFen: 10_000, version: 3 } })
    const set = (await f.deps.store.repos.audit.list(null, 500)).filter((e) => e.action === 'budget.set' && e.subject === 'unit-a1:2026:central')
    expect(set.map((e) => [e.actor, e.detail.fromFen, e.detail.toFen])).toEqual([
      ['o-town-admin', null, 100_000],
      ['o-city-admin', 100_000, 90_000],
    ])
    const seen = await f.ok<{ unit: { id: string }; own: Record<string, BudgetView>; children: { id: string; budgets: Record<string, BudgetView> }[]; maySet: boolean }>('o-town-admin', 'budgets', { year: 2026 })
    expect(seen).toMatchObject({ unit: { id: 'unit-a' }, own: {}, maySet: false })
    expect(seen.children.find((c) => c.id === 'unit-a1')?.budgets.central).toMatchObject({ amountFen: 90_000, committedFen: 80_000 })
    expect(await f.ok('o-city-admin', 'budgets', { year: 2026 })).toMatchObject({ unit: { id: 'unit-root' }, own: { central: { amountFen: 10_000_000 * 100 } }, maySet: true })
    expect(await f.hh('o-town-admin', 'budgets', { year: 2026, unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
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

  it('refuses a payment dated after today or before the filing, a bad amount, and a named approver, naming the field', async () => {
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-08' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidOn', message: '发放日期不能晚于今天' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-06' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paidOn', message: '发放日期不能早于建档日期（2026-03-07）' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 0 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ amountFen: 10.5 }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'amountFen' } })
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ approvedBy: 'o-reviewer' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // A day later, yesterday's payment is fine.
    f.clock.advance(DAY)
    expect(await f.hh('o-caseworker', 'recordPayment', pay({ paidOn: '2026-03-08' }))).toMatchObject({ ok: true })
    expect(await ledgerOf()).toHaveLength(1)
  })

  it('writes one entry for a retried request (same requestId), a second for a new one', async () => {
    const a = await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0001')
    const b = await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0001')
    expect(a).toMatchObject({ ok: true })
    expect(b).toEqual(a)
    expect(await ledgerOf()).toHaveLength(1)
    expect(await f.hh('o-caseworker', 'recordPayment', pay(), 'req-pay-0002')).toMatchObject({ ok: true })
    expect(await ledgerOf()).toHaveLength(2)
    const audits = (await f.deps.store.repos.audit.list(null, 500)).filter((e) => e.action === 'household.payment.record')
    expect(audits).toHaveLength(2)
    expect(await budget('unit-root')).toMatchObject({ committedFen: 100_000 })
  })

  it('reverses an approved payment once its reversal is approved: nets to zero, returns the money to the budget', async () => {
    const paymentId = await paid({ fundSource: 'union', amountFen: 123_456 })
    await approve(paymentId)
    const before = await ledgerOf()
    const reversing = await f.ok('o-caseworker', 'reversePayment', reverse(paymentId))
    expect(reversing.ledger).toEqual([
      expect.objectContaining({ id: paymentId, reversed: false, reversalPending: true, amountFen: 123_456 }),
      expect.objectContaining({ id: reversalIdOf(paymentId), kind: 'reversal', status: 'pending', reversesId: paymentId, amountFen: -123_456, fundSource: 'union', paidOn: '2026-03-07', reason: '金额录入错误' }),
    ])
    // Until its reversal is approved the payment stands.
    expect(reversing.fundsTotalFen).toBe(123_456)
    expect(reversing.actions).not.toContain('reversePayment')
    expect(await f.hh('o-reviewer', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } })
    expect(await decide('o-caseworker', reversalIdOf(paymentId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await approve(reversalIdOf(paymentId))
    const reversed = await f.ok('o-caseworker', 'get', { householdId: id })
    expect(reversed.fundsTotalFen).toBe(0)
    expect(reversed.fundsBySource.union).toBe(0)
    expect(reversed.ledger[0]).toMatchObject({ id: paymentId, reversed: true, reversalPending: false })
    expect(await budget('unit-root', 'union')).toMatchObject({ committedFen: 0 })
    // The payment itself is untouched.
    expect((await ledgerOf())[0]).toEqual(before[0])
    expect(await f.hh('o-reviewer', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(reversalIdOf(paymentId)))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'paymentId' } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse('no-such-entry'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'paymentId' } })
    expect(await ledgerOf()).toHaveLength(2)
    const detail = (await f.deps.store.repos.audit.list(null, 500)).find((e) => e.action === 'household.payment.reverse')!.detail
    expect(detail).toEqual({ entryId: reversalIdOf(paymentId), reversesId: paymentId, amountFen: -123_456, fundSource: 'union', status: 'pending' })
  })

  it('a rejected reversal leaves the payment standing and may be tried again under the next id', async () => {
    const paymentId = await paid()
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'paymentId' } })
    await approve(paymentId)
    await f.ok('o-caseworker', 'reversePayment', reverse(paymentId))
    await decide('o-reviewer', reversalIdOf(paymentId), 'rejected', '金额无误，不需冲正')
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(50_000)
    const again = await f.ok('o-caseworker', 'reversePayment', reverse(paymentId, { reason: '收款账户错误' }))
    expect(again.ledger.map((l) => [l.id, l.status])).toEqual([
      [paymentId, 'approved'],
      [reversalIdOf(paymentId), 'rejected'],
      [reversalIdOf(paymentId, 2), 'pending'],
    ])
  })

  it('refuses a reversal without a reason and a payment of another household', async () => {
    const paymentId = await paid()
    await approve(paymentId)
    expect(await f.hh('o-caseworker', 'reversePayment', reverse(paymentId, { reason: '错' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    const other = (await f.file()).id
    expect(await f.hh('o-caseworker', 'reversePayment', { ...reverse(paymentId), householdId: other })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'paymentId' } })
    expect(await ledgerOf()).toHaveLength(1)
  })

  it('takes no new payment on a deregistered household, but a mistaken one can still be reversed', async () => {
    const paymentId = await paid()
    await approve(paymentId)
    const proposed = await f.ok('o-caseworker', 'proposeDeregistration', { householdId: id, expectedVersion: (await f.record(id)).version, reason: 'stable-employment', text: '', evidenceIds: [await f.evidence('o-caseworker', id)] })
    await f.ok('o-reviewer', 'decideDeregistration', { householdId: id, expectedVersion: proposed.version, approve: true, note: '' })
    expect(await f.hh('o-caseworker', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '该家庭已脱困注销，不能登记帮扶资金发放' } })
    await f.ok('o-caseworker', 'reversePayment', reverse(paymentId))
    await approve(reversalIdOf(paymentId))
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(0)
  })

  it('lets only caseworkers and reviewers of the jurisdiction touch money', async () => {
    expect(await f.hh('o-town-admin', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('w-someone', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-b-staff', 'recordPayment', pay())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // The city's admin who is also a reviewer may record; its admin role alone would not do.
    const paymentId = await paid({}, 'o-city-admin')
    await approve(paymentId)
    expect(await f.hh('o-town-admin', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-b-staff', 'reversePayment', reverse(paymentId))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
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
