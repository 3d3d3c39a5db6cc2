/**
 * The store-backed dashboard equals the reference computation over the generator's arrays
 * filtered to the jurisdiction: for the whole city, one township (unit filter), a township's
 * caseworker, over several ranges, on SQLite and on CloudBase (a smaller generated set there: every
 * sixth household, with all that belongs to it). One file per store (households-dashboard.<store>.contract.test.ts),
 * so that the two stores' set-ups, the longest of the contract tests, run on two workers side by side.
 */
import { randomBytes } from 'node:crypto'
import type { Actor } from '../../src/domain'
import type { Campaign, CheckRecord } from '../../src/domain/campaign'
import type { DateRange } from '../../src/domain/dashboard'
import type { DemoLedger } from '../../server/local/seed/demo-ledger'
import { DASHBOARD_OVERDUE_LISTED } from '../../src/domain/api/households'
import { DEFAULT_CONTACT_OVERDUE_DAYS } from '../../src/domain/household'
import { SIX_ITEM_CODES } from '../../src/domain/review'
import { DEMO_PERIOD } from '../../server/local/seed/seed-figures'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { householdDashboard } from '../../server/usecases/households/dashboard'
import { TestClock } from '../support/deps'
import { bruteDashboard, demoLedger, storeDemo } from '../support/demo-data'
import { contractStores } from './stores'

const RANGES: DateRange[] = [
  DEMO_PERIOD,
  { from: '2020-04-01', to: '2020-07-31' },
  { from: '2016-03-15', to: '2018-11-30' },
  { from: '2020-05-10', to: '2020-05-10' },
  { from: '2010-01-01', to: '2026-03-01' },
]

const cityAdmin: Actor = { openid: 'o-city', roles: ['admin', 'reviewer'], unitId: 'unit-root' }
const t2Caseworker: Actor = { openid: 'o-t2', roles: ['caseworker'], unitId: 'unit-t2' }
const OVERDUE_DAYS = 60

/** A later campaign of the second township only, with three households kept: the city's dashboard shows it, the first township's does not. */
function t2Campaign(demo: DemoLedger): { campaigns: Campaign[]; checkRecords: CheckRecord[] } {
  const campaign: Campaign = { ...demo.campaign, id: 'c-t2', name: '新哨镇复核', startsOn: '2020-05-01', endsOn: '2020-06-30', unitIds: ['unit-t2'], status: 'open', version: 1 }
  const onFile = demo.checkRecords.filter((r) => r.unitId === 'unit-t2').slice(0, 3)
  const checkRecords = onFile.map((r, k): CheckRecord => ({
    ...r,
    id: `c-t2:${r.householdId}`,
    campaignId: 'c-t2',
    items: k === 2 ? { [SIX_ITEM_CODES[0]]: r.items[SIX_ITEM_CODES[0]] } : r.items,
    outcome: k === 2 ? null : { kind: 'keep', difficulties: [{ group: 'medical', task: '协助申请医疗救助' }] },
  }))
  return { campaigns: [campaign], checkRecords }
}

/** The suite on one of the two stores. */
export function householdDashboardSuite(store: 'sqlite' | 'cloudbase'): void {
  const { factories } = contractStores()
  describe.each(factories.filter(([name]) => name === store))('household dashboard: %s', (name, open) => {
    let store: Store
    let close: () => Promise<void>
    let deps: Deps
    let demo: DemoLedger
    let extra: ReturnType<typeof t2Campaign>

    beforeAll(async () => {
      ;({ store, close } = open())
      const cipher = createCipher(randomBytes(32))
      deps = { store, clock: new TestClock(), ids: randomIds, cipher, settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: null as never }
      demo = demoLedger(20200817, name === 'cloudbase' ? 6 : 1)
      await storeDemo(store, cipher, demo, name === 'sqlite')
      // The timer's work on CloudBase (a view reads the figures as folded); nothing to fold on SQLite.
      while ((await store.repos.figures.foldPending(500)) > 0);
      extra = t2Campaign(demo)
      for (const c of extra.campaigns) await store.repos.campaigns.insert(c)
      for (const r of extra.checkRecords) await store.repos.checks.put(r, 0)
      await store.repos.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: {}, contactOverdueDays: OVERDUE_DAYS })
      // The overdue spells were kept with the default days; a change of the policy's days rebuilds them.
      const before = await householdDashboard(deps, cityAdmin, DEMO_PERIOD)
      expect(before.overdueCount).toBe(reference('unit-root', DEMO_PERIOD, DEFAULT_CONTACT_OVERDUE_DAYS).overdueCount)
      expect(await store.repos.contactClocks.rebuildUnder('unit-root')).toBe(demo.households.length)
    }, 300_000)
    afterAll(() => close())

    /** The reference as the view carries it: the overdue households counted, the longest listed. */
    const reference = (rootId: string, range: DateRange, days = OVERDUE_DAYS) => {
      const d = bruteDashboard(demo, extra, rootId, range, days)
      return { ...d, overdueCount: d.overdueContacts.length, overdueContacts: d.overdueContacts.slice(0, DASHBOARD_OVERDUE_LISTED) }
    }
    afterAll(() => close())

    /** The figures, and a check that the names of overdue households are the overdue ones. */
    const figures = ({ units: _units, overdueHouseholds, aidStationsByLevel, ...rest }: Awaited<ReturnType<typeof householdDashboard>>) => {
      // No stations here: the levels are counted in households.contract and shown in the browser test.
      expect(aidStationsByLevel).toEqual({ city: 0, county: 0, township: 0, community: 0 })
      expect(Object.keys(overdueHouseholds).sort()).toEqual(rest.overdueContacts.map((c) => c.householdId).sort())
      for (const n of Object.values(overdueHouseholds)) expect(n.headNameMasked).toContain('*')
      return rest
    }

    it.each(RANGES.map((r) => [`${r.from}..${r.to}`, r] as const))('equals the reference for the city, a township and a caseworker: %s', async (_label, range) => {
      const city = await householdDashboard(deps, cityAdmin, range)
      expect(city.units.map((u) => u.id).sort()).toEqual(['unit-t1', 'unit-t2'])
      expect(figures(city)).toEqual({ ...reference('unit-root', range), unitName: '弥勒市总工会' })
      const t1 = await householdDashboard(deps, cityAdmin, { ...range, unitId: 'unit-t1' })
      expect(figures(t1)).toEqual({ ...reference('unit-t1', range), unitName: '弥阳街道总工会' })
      const t2 = await householdDashboard(deps, t2Caseworker, range)
      expect(figures(t2)).toEqual({ ...reference('unit-t2', range), unitName: '新哨镇总工会' })
      // The parts add up: the townships' money is the city's.
      expect(t1.fundsTotalFen + t2.fundsTotalFen).toBe(city.fundsTotalFen)
      expect(t1.personTimes + t2.personTimes).toBe(city.personTimes)
    })

    it('shows the later township campaign to the city and that township, the city-wide one to the other township', async () => {
      const range = { from: '2020-04-01', to: '2020-07-31' }
      expect((await householdDashboard(deps, cityAdmin, range)).campaign?.campaign.id).toBe('c-t2')
      expect((await householdDashboard(deps, t2Caseworker, range)).campaign?.campaign.id).toBe('c-t2')
      const t1 = await householdDashboard(deps, cityAdmin, { ...range, unitId: 'unit-t1' })
      expect(t1.campaign?.campaign.id).toBe(demo.campaign.id)
      expect(t1.campaign?.progress.total.inScope).toBeGreaterThan(0)
    })

    it('refuses a reversed or too long range, naming the field, and a unit outside the jurisdiction', async () => {
      await expect(householdDashboard(deps, cityAdmin, { from: '2020-02-01', to: '2020-01-31' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'to' })
      await expect(householdDashboard(deps, cityAdmin, { from: '2000-01-01', to: '2020-01-01' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'from' })
      await expect(householdDashboard(deps, cityAdmin, { from: '2000-01-01', to: '2019-12-31' })).resolves.toMatchObject({ unitName: '弥勒市总工会' })
      await expect(householdDashboard(deps, t2Caseworker, { ...DEMO_PERIOD, unitId: 'unit-t1' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'unitId' })
    })
  })
}
