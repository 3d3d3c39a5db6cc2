/**
 * The generated demo ledger (server/local/seed/demo-ledger.ts) on a small union tree, written into a
 * store, and the dashboard recomputed from the generator's arrays the obvious way.
 *
 *   unit-root 弥勒市总工会
 *   ├ unit-t1  弥阳街道总工会
 *   │ └ unit-t1a 弥阳街道髯翁社区工会
 *   └ unit-t2  新哨镇总工会
 */
import type { Campaign, CheckRecord } from '../../src/domain/campaign'
import { computeDashboard, type Dashboard, type DateRange } from '../../src/domain/dashboard'
import { generateDemoLedger, type DemoLedger, type DemoUnit } from '../../server/local/seed/demo-ledger'
import type { Cipher, OrgUnitRecord, Store } from '../../server/ports'
import { writeDemoLedger } from '../../server/local/seed-households'

export const DEMO_TREE: OrgUnitRecord[] = [
  { id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] },
  { id: 'unit-t1', name: '弥阳街道总工会', parentId: 'unit-root', path: ['unit-root', 'unit-t1'] },
  { id: 'unit-t1a', name: '弥阳街道髯翁社区工会', parentId: 'unit-t1', path: ['unit-root', 'unit-t1', 'unit-t1a'] },
  { id: 'unit-t2', name: '新哨镇总工会', parentId: 'unit-root', path: ['unit-root', 'unit-t2'] },
]

/** The units households are spread over: every unit but the root. */
export const DEMO_UNITS: DemoUnit[] = DEMO_TREE.filter((u) => u.parentId).map((u) => ({ id: u.id, path: u.path }))

/** The generator's ledger, or every `every`-th household of it with all that belongs to those households. */
export function demoLedger(seed: number, every = 1): DemoLedger {
  const demo = generateDemoLedger(seed, DEMO_UNITS)
  if (every === 1) return demo
  const households = demo.households.filter((_h, i) => i % every === 0)
  const ids = new Set(households.map((h) => h.id))
  return {
    households,
    measures: demo.measures.filter((m) => ids.has(m.householdId)),
    disbursements: demo.disbursements.filter((e) => ids.has(e.householdId)),
    campaign: demo.campaign,
    checkRecords: demo.checkRecords.filter((r) => ids.has(r.householdId)),
    contacts: demo.contacts.filter((c) => ids.has(c.householdId)),
  }
}

/**
 * The tree and the ledger in `store`: on SQLite in a few transactions, as the seed writes it (a commit
 * per write costs twice the CPU and the time); elsewhere through the plain repositories (the stand-in
 * takes them one by one, within its cap on a transaction's writes).
 */
export async function storeDemo(store: Store, cipher: Cipher, demo: DemoLedger, inTransactions = false): Promise<void> {
  for (const u of DEMO_TREE) await store.repos.units.put(u)
  await writeDemoLedger(inTransactions ? (work) => store.transaction(work) : (work) => work(store.repos), cipher, demo)
}

/** Whether the campaign's scope overlaps `rootId`'s subtree. */
const concerns = (c: Campaign, rootId: string) => {
  const root = DEMO_TREE.find((u) => u.id === rootId)!
  return c.unitIds.some((id) => {
    const u = DEMO_TREE.find((x) => x.id === id)!
    return u.path.includes(rootId) || root.path.includes(id)
  })
}

/** The reference figures over the generator's arrays, filtered to `rootId`'s subtree. */
export function bruteDashboard(
  demo: DemoLedger,
  extra: { campaigns: Campaign[]; checkRecords: CheckRecord[] },
  rootId: string,
  range: DateRange,
  contactOverdueDays: number,
): Dashboard {
  const households = demo.households.filter((h) => h.unitPath.includes(rootId))
  const ids = new Set(households.map((h) => h.id))
  const unitIds = new Set(DEMO_TREE.filter((u) => u.path.includes(rootId)).map((u) => u.id))
  return computeDashboard(
    {
      households,
      disbursements: demo.disbursements.filter((e) => unitIds.has(e.unitId)),
      // Each demo household was filed by an application of its own (its form, migrated).
      applications: households.map(() => ({ status: 'filed' as const })),
      stations: [],
      campaigns: [demo.campaign, ...extra.campaigns].filter((c) => concerns(c, rootId)),
      checkRecords: [...demo.checkRecords, ...extra.checkRecords],
      contacts: demo.contacts.filter((c) => ids.has(c.householdId)),
      contactOverdueDays,
    },
    range,
  )
}
