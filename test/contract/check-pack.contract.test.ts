/**
 * The 户户清 households kept on a caseworker's phone for checks without signal, on both stores
 * through the event contract: the open campaign's households of the caller's jurisdiction without a
 * conclusion yet, by file number, as the check page shows them, masked and without anyone's
 * WeChat id; concurrent callers on the stand-in all answered.
 */
import { addDays } from '../../src/domain/calendar'
import { shanghaiDate } from '../../src/domain'
import type { CheckPack } from '../../src/domain/api/households'
import type { Campaign } from '../../src/domain/campaign'
import { SIX_ITEM_CODES } from '../../src/domain/review'
import type { Store } from '../../server/ports'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

describe.each(factories)('check pack: %s', (name, open) => {
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

  it('keeps the jurisdiction’s households still to check, masked, and leaves out those concluded', async () => {
    const h1 = await f.file('unit-a1')
    const h2 = await f.file('unit-a2')
    const hb = await f.file('unit-b1')
    const startsOn = addDays(shanghaiDate(f.clock.now()), 1)
    const campaign = await f.ok<Campaign>('o-city-admin', 'openCampaign', { name: '朋普河林场户户清', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-a', 'unit-b'] })
    const pack = (openid: string) => f.ok<CheckPack>(openid, 'checkPack', { campaignId: campaign.id })

    const mine = await pack('o-caseworker')
    expect(mine.campaign.id).toBe(campaign.id)
    expect(Date.parse(mine.at)).toBe(f.clock.now().getTime())
    const numbers = mine.checks.map((c) => c.household.number)
    expect(mine.checks.map((c) => c.household.id).sort()).toEqual([h1.id, h2.id].sort())
    expect([...numbers].sort()).toEqual(numbers)
    for (const c of mine.checks) {
      expect(c.household.headNameMasked).toMatch(/\*/)
      expect(c.household.cadres).toEqual([])
      expect(c.record).toBeNull()
    }
    const text = JSON.stringify(mine)
    for (const secret of [h1.idNumber, h2.idNumber, h1.worker, 'o-caseworker']) expect(text).not.toContain(secret)

    // An item recorded shows who recorded it by name only; a concluded check is no longer kept.
    for (const item of SIX_ITEM_CODES) await f.ok('o-caseworker', 'confirmItem', { campaignId: campaign.id, householdId: h2.id, item, confirmed: true, note: '已入户核实' })
    await f.ok('o-caseworker', 'confirmItem', { campaignId: campaign.id, householdId: h1.id, item: 'household', confirmed: true, note: '已入户核实' })
    await f.ok('o-caseworker', 'setOutcome', { campaignId: campaign.id, householdId: h2.id, outcome: { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请大病医疗救助' }] } })
    const after = await pack('o-caseworker')
    expect(after.checks.map((c) => c.household.id)).toEqual([h1.id])
    expect(after.checks[0].record?.items.household).toMatchObject({ confirmed: true, by: '', byName: '李娟', at: expect.any(String) })
    expect(JSON.stringify(after)).not.toContain('o-caseworker')

    // The other town keeps its own; an admin who checks nothing keeps none; a worker is refused.
    expect((await pack('o-b-staff')).checks.map((c) => c.household.id)).toEqual([hb.id])
    expect((await pack('o-town-admin')).checks).toEqual([])
    expect(await f.hh(h1.worker, 'checkPack', { campaignId: campaign.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-caseworker', 'checkPack', { campaignId: 'no-such-campaign' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'campaignId' } })
    expect(await f.hh('o-caseworker', 'checkPack', { campaignId: campaign.id, all: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    // Callers at once, with latency on the stand-in: every one answered with the same households.
    if (name === 'cloudbase') standin().limits.latencyMs = 10
    const packs = await Promise.all(['o-caseworker', 'o-caseworker-2', 'o-reviewer', 'o-caseworker'].map(pack))
    if (name === 'cloudbase') standin().limits.latencyMs = 0
    for (const p of packs) expect(p.checks.map((c) => c.household.id)).toEqual([h1.id])
  })
})
