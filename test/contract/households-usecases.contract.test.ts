/**
 * The household file's use cases on both stores, CloudBase through the real SDK into the
 * stand-in: every write runs in a transaction that CloudBase accepts (reads and writes by id
 * only), a retried payment writes once, a payment is reversed once, and deregistration lands.
 */
import type { Page } from '../../src/domain/api/applicant'
import type { HouseholdItem } from '../../src/domain/api/households'
import type { Store } from '../../server/ports'
import { findAuditBreak } from '../../server/usecases/shared/audit'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { DAY } from '../support/review'
import { contractStores } from './stores'

const { factories } = contractStores()

describe.each(factories)('household use cases: %s', (_name, open) => {
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
    const pay = { householdId: id, amountFen: 20_000, fundSource: 'central', paidOn: today, approvedBy: 'o-reviewer', note: '' }
    expect(await f.hh('o-caseworker', 'recordPayment', pay, 'req-contract-1')).toMatchObject({ ok: true })
    const again = await f.hh('o-caseworker', 'recordPayment', pay, 'req-contract-1')
    expect(again).toMatchObject({ ok: true, data: { fundsTotalFen: 20_000, ledger: [{ payeeAccountMasked: '6228 **** 9012' }] } })
    const paymentId = again.ok ? again.data.ledger[0].id : ''
    const reverse = { householdId: id, paymentId, approvedBy: 'o-reviewer', reason: '重复发放' }
    expect(await f.hh('o-caseworker', 'reversePayment', reverse)).toMatchObject({ ok: true, data: { fundsTotalFen: 0 } })
    expect(await f.hh('o-caseworker', 'reversePayment', reverse)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await f.ok('o-caseworker', 'addMeasure', { householdId: id, kind: 'employment', description: '推荐就业岗位' })).toMatchObject({ measures: [{ status: 'planned' }] })

    f.clock.advance(100 * DAY)
    expect((await f.ok<Page<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })).total).toBe(1)
    await f.ok('o-caseworker', 'addContact', { householdId: id, kind: 'visit', on: '2026-06-14', notes: '入户走访' })
    expect((await f.ok<Page<HouseholdItem>>('o-caseworker', 'list', { overdueOnly: true })).total).toBe(0)

    const version = async () => (await f.record(id)).version
    await f.ok('o-reviewer', 'assignCadre', { householdId: id, expectedVersion: await version(), cadreOpenid: 'o-caseworker' })
    await f.ok('o-caseworker', 'proposeDeregistration', { householdId: id, expectedVersion: await version(), reason: 'income-above-line', text: '' })
    const done = await f.ok('o-reviewer', 'decideDeregistration', { householdId: id, expectedVersion: await version(), approve: true, note: '' })
    expect(done).toMatchObject({ status: 'deregistered', cadres: [{ openid: 'o-caseworker' }], lastContactOn: '2026-06-14' })
    expect(await f.deps.store.repos.ledger.listByHousehold(id)).toHaveLength(2)
    expect(await findAuditBreak(store.repos, f.deps.cipher)).toBeNull()
  })
})
