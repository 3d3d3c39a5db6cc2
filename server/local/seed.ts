import type { Cipher, OrgUnitRecord, PolicyRecord, Store } from '../ports'
import { DEMO_ACCOUNTS } from './demo'
import { seedDemoBudgets } from './seed-budgets'
import { seedDemoHouseholds } from './seed-households'
import { seedDemoStations } from './seed-stations'
import { seedDemoGrassroots } from './seed-units'
import { mileTownshipRows } from './seed/townships'

const ROOT: OrgUnitRecord = { id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] }

/**
 * The demo policy of the city federation, which its townships inherit: a 低保 line of 780 yuan a
 * month (sample figure, set by the union in production), 相对困难 below twice that, 意外致困 above
 * 80% of income spent on hardship costs (domain.md's rules), 7 days of publicity.
 */
export const MILE_POLICY: PolicyRecord = {
  unitId: ROOT.id,
  dibaoLineFen: 78000,
  relativeLineFen: 156000,
  accidentCostPercent: 80,
  publicityDays: 7,
  stageDeadlineDays: { submitted: 5, screening: 10, visiting: 15, verifying: 20 },
  subscribeTemplateIds: {},
}

/** Mile city's township units, from the reference data shipped beside this file. */
export function mileTownships(): OrgUnitRecord[] {
  return mileTownshipRows().map(({ code, name }) => {
    const id = `unit-${code}`
    return { id, name: `${name}总工会`, parentId: ROOT.id, path: [ROOT.id, id] }
  })
}

/**
 * The demo data set written on first start: the union tree of Mile city, the demo staff bindings,
 * Mile's demo stations (seed-stations.ts), its filed households with six years of aid
 * (seed-households.ts; the cipher seals their sample ID numbers) and this year's budgets. Applications are left for the
 * visitor to make. Sample data, not real people.
 */
export async function seedDemo(store: Store, cipher: Cipher, at: Date = new Date()): Promise<boolean> {
  // Stations are seeded on their own check, so a database made before they existed gets them too.
  const stations = await seedDemoStations(store, at)
  // The policy too, so a database made before the self-check existed gets it.
  if (!(await store.repos.policies.get(ROOT.id))) await store.repos.policies.put(MILE_POLICY)
  if (await store.repos.units.get(ROOT.id)) {
    const grassroots = await seedDemoGrassroots(store, ROOT.id)
    // This year's budgets on each start: a demo database outlives the year it was made in.
    const budgets = await seedDemoBudgets(store, ROOT.id, at)
    // Households too, on their own check (a database made before they existed gets them).
    return (await seedDemoHouseholds(store, cipher, ROOT.id, at)) || grassroots || stations || budgets
  }
  await store.transaction(async (repos) => {
    await repos.units.put(ROOT)
    for (const unit of mileTownships()) await repos.units.put(unit)
    for (const a of DEMO_ACCOUNTS) {
      if (!a.staff) continue
      await repos.staff.put({ openid: `demo-${a.key}`, displayName: a.name, unitId: a.staff.unitId, roles: a.staff.roles, active: true })
    }
  })
  await seedDemoGrassroots(store, ROOT.id)
  await seedDemoBudgets(store, ROOT.id, at)
  await seedDemoHouseholds(store, cipher, ROOT.id, at)
  return true
}
