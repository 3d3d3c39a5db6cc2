/**
 * The household file's use cases on both stores, CloudBase through the real SDK into the
 * stand-in: every write runs in a transaction that CloudBase accepts (reads and writes by id
 * only), a retried payment writes once, is counted once a reviewer approves it, is reversed
 * once, and deregistration lands (ending the running measures, the reviewers told it waited); payments racing for the rest of a budget never exceed it.
 */
import type { Page } from '../../src/domain/api/applicant'
import type { HouseholdItem } from '../../src/domain/api/households'
import type { Store } from '../../server/ports'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { DAY, JPEG } from '../support/review'
import { shanghaiDate, type ApiReply } from '../../src/domain'
import { addDays } from '../../src/domain/calendar'
import { handleUpload } from '../../server/functions/upload'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

describe.each(factories)('household use cases: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let f: HouseholdFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    f = await householdFixture(store)
  })
  afterEach(async () => {
    await f.close()
    await close()
  })

  it('follows a household from filing to deregistration', async () => {
    const { id } = await f.file()
    const today = '2026-03-07'
    const pay = { householdId: id, amountFen: 20_000, fundSource: 'central', paidOn: today, note: '' }
    expect(await f.hh('o-caseworker', 'recordPayment', pay, 'req-contract-1')).toMatchObject({ ok: true })
    const again = await f.hh('o-caseworker', 'recordPayment', pay, 'req-contract-1')
    expect(again).toMatchObject({ ok: true, data: { fundsTotalFen: 0, ledger: [{ payeeAccountMasked: '6228 **** 9012', status: 'pending' }] } })
    const paymentId = again.ok ? again.data.ledger[0].id : ''
    expect(await f.hh('o-caseworker', 'decideLedgerEntry', { entryId: paymentId, decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-reviewer', 'decideLedgerEntry', { entryId: paymentId, decision: 'approved' })).toMatchObject({ ok: true, data: { entry: { status: 'approved' } } })
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(20_000)
    const reverse = { householdId: id, paymentId, reason: '重复发放' }
    const reversal = await f.ok('o-caseworker', 'reversePayment', reverse)
    expect(reversal.fundsTotalFen).toBe(20_000)
    expect(await f.hh('o-caseworker', 'reversePayment', reverse)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const reversalId = reversal.ledger.find((l) => l.kind === 'reversal')!.id
    expect(await f.hh('o-reviewer', 'decideLedgerEntry', { entryId: reversalId, decision: 'approved' })).toMatchObject({ ok: true })
    expect((await f.ok('o-caseworker', 'get', { householdId: id })).fundsTotalFen).toBe(0)
    expect(await f.deps.store.repos.budgets.get('unit-root:2026:central')).toMatchObject({ committedFen: 0 })
    expect(await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'employment', description: '推荐就业岗位' })).toMatchObject({ measures: [{ status: 'planned' }] })

    f.clock.advance(100 * DAY)
    expect((await f.ok<Page<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })).total).toBe(1)
    await f.ok('o-caseworker', 'addContact', { householdId: id, kind: 'visit', on: '2026-06-14', notes: '入户走访' })
    expect((await f.ok<Page<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })).total).toBe(0)

    const version = async () => (await f.record(id)).version
    await f.ok('o-reviewer', 'assignCadre', { householdId: id, expectedVersion: await version(), cadreOpenid: 'o-caseworker' })
    await f.ok('o-caseworker', 'proposeDeregistration', { householdId: id, expectedVersion: await version(), reason: 'income-above-line', text: '', evidenceIds: [await f.evidence('o-caseworker', id)] })
    const done = await f.ok('o-reviewer', 'decideDeregistration', { householdId: id, expectedVersion: await version(), approve: true, note: '' })
    expect(done).toMatchObject({ status: 'deregistered', cadres: [{ openid: 'o-caseworker' }], lastContactOn: '2026-06-14', measures: [{ status: 'ended', version: 2 }] })
    // The proposal waited for the reviewers: each was told, in one transaction with it.
    expect((await f.deps.store.repos.messages.listFor('o-reviewer', { offset: 0, limit: 5 })).items).toMatchObject([{ title: '脱困注销待您审批' }])
    expect(await f.deps.store.repos.ledger.listByHousehold(id)).toHaveLength(2)
    expect(await findAuditBreak(store.repos, f.deps.cipher)).toBeNull()
  })

  it('payments racing for the rest of a budget never take more than it holds', async () => {
    const { id } = await f.file()
    await f.ok('o-city-admin', 'setBudget', { unitId: 'unit-a', year: 2026, fundSource: 'county', amountFen: 30_000, expectedVersion: 0 })
    // On CloudBase with latency, so the transactions really overlap (SQLite runs them one at a time).
    if (name === 'cloudbase') Object.assign(standin().limits, { latencyMs: 4, jitterMs: 4 })
    try {
      const pay = (openid: string) => f.hh(openid, 'recordPayment', { householdId: id, amountFen: 10_000, fundSource: 'county', paidOn: '2026-03-07', note: '' })
      const replies = await Promise.all(['o-caseworker', 'o-caseworker-2', 'o-reviewer', 'o-caseworker', 'o-caseworker-2', 'o-reviewer'].map(pay))
      const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code))
      // Refused over the budget, or (CloudBase) busy after the SDK's retries; never INTERNAL.
      expect(codes.every((c) => ['ok', 'VALIDATION', 'CONFLICT'].includes(c))).toBe(true)
      expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(1)
      const entries = await f.deps.store.repos.ledger.listByHousehold(id)
      expect(entries).toHaveLength(codes.filter((c) => c === 'ok').length)
      expect(entries.length).toBeLessThanOrEqual(3)
      expect(await f.deps.store.repos.budgets.get('unit-a:2026:county')).toMatchObject({ amountFen: 30_000, committedFen: entries.length * 10_000 })
    } finally {
      Object.assign(standin().limits, { latencyMs: 0, jitterMs: 0 })
    }
  })

  it('evidence photos and 有变化 items from callers at the same time: each photo registered once, a retried upload once, never INTERNAL', async () => {
    const [h1, h2] = [(await f.file()).id, (await f.file()).id]
    const startsOn = addDays(shanghaiDate(f.clock.now()), 1)
    const campaign = await f.ok<{ id: string }>('o-city-admin', 'openCampaign', { name: '2026年户户清', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-a'] })
    if (name === 'cloudbase') Object.assign(standin().limits, { latencyMs: 4, jitterMs: 4 })
    try {
      const upload = (openid: string, householdId: string, requestId?: string) =>
        handleUpload({ purpose: 'evidence', householdId, fileName: '变化.jpg', ...(requestId ? { requestId } : {}) }, JPEG, { openid }, f.deps) as Promise<ApiReply<{ id: string }>>
      const replies = await Promise.all([
        ...[1, 2, 3].map(() => upload('o-caseworker', h1)),
        ...[1, 2, 3].map(() => upload('o-caseworker-2', h2)),
        // One photo sent twice at once with its request id (a reply lost, the phone sending again).
        upload('o-caseworker', h1, 'req-photo-1'),
        upload('o-caseworker', h1, 'req-photo-1'),
      ])
      const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code))
      expect(codes.every((c) => c === 'ok' || c === 'CONFLICT')).toBe(true)
      const ids = new Set(replies.flatMap((r) => (r.ok ? [r.data.id] : [])))
      const stored = [...(await store.repos.evidence.listByHousehold(h1, 20)), ...(await store.repos.evidence.listByHousehold(h2, 20))]
      expect(stored.map((e) => e.id).sort()).toEqual([...ids].sort())
      expect(stored.length).toBeGreaterThanOrEqual(2)
      const photoOf = (h: string) => stored.find((e) => e.householdId === h)!.id
      const item = (householdId: string, openid: string) =>
        f.hh(openid, 'confirmItem', { campaignId: campaign.id, householdId, item: 'household', confirmed: true, changed: true, note: '家庭人口有变化', evidenceIds: [photoOf(householdId)] })
      const confirmed = await Promise.all([item(h1, 'o-caseworker'), item(h2, 'o-caseworker-2')])
      expect(confirmed.map((r) => (r.ok ? 'ok' : r.error.message))).toEqual(['ok', 'ok'])
      for (const h of [h1, h2]) expect((await store.repos.checks.get(`${campaign.id}:${h}`))?.items.household).toMatchObject({ changed: true, evidenceIds: [photoOf(h)] })
    } finally {
      Object.assign(standin().limits, { latencyMs: 0, jitterMs: 0 })
    }
    expect(await findAuditBreak(store.repos, f.deps.cipher)).toBeNull()
  })
})
