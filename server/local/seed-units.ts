import type { OrgUnitRecord, Store } from '../ports'

/** Grassroots unions under some of Mile's townships (employer and community unions). Sample names. */
const GRASSROOTS: readonly { township: string; units: readonly string[] }[] = [
  { township: '532504001', units: ['弥勒市农机厂工会', '弥阳街道髯翁社区工会', '弥阳街道环卫所工会'] },
  { township: '532504002', units: ['太平街道太平社区工会', '弥勒市物流园区联合工会'] },
  { township: '532504102', units: ['新哨镇中心学校工会', '新哨镇新哨村联合工会'] },
  { township: '532504105', units: ['朋普镇卫生院工会', '朋普镇农贸市场联合工会'] },
]

/** The demo grassroots units: `unit-<township code>-<n>` under `unit-<township code>`. */
export function demoGrassrootsUnits(rootId: string): OrgUnitRecord[] {
  return GRASSROOTS.flatMap(({ township, units }) => {
    const parentId = `unit-${township}`
    return units.map((name, i) => {
      const id = `${parentId}-${String(i + 1).padStart(2, '0')}`
      return { id, name, parentId, path: [rootId, parentId, id], version: 1 }
    })
  })
}

/**
 * Writes the grassroots units on their own check, so a database seeded before they existed gets
 * them too. Their townships get a version bump (their children changed). False when already there
 * or when the township tree is not (a union's own tree, imported instead of the demo's).
 */
export async function seedDemoGrassroots(store: Store, rootId: string): Promise<boolean> {
  const units = demoGrassrootsUnits(rootId)
  if (await store.repos.units.get(units[0].id)) return false
  const parentIds = [...new Set(units.map((u) => u.parentId!))]
  for (const id of parentIds) if (!(await store.repos.units.get(id))) return false
  await store.transaction(async (repos) => {
    for (const id of parentIds) {
      const parent = await repos.units.get(id)
      if (parent) await repos.units.put({ ...parent, version: (parent.version ?? 0) + 1 })
    }
    for (const u of units) await repos.units.put(u)
  })
  return true
}
