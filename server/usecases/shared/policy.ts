import type { OrgUnitRecord, PolicyRecord, Repositories } from '../../ports'

/** The policy that applies to a unit: its own, else the nearest ancestor's. */
export async function policyFor(repos: Repositories, unit: OrgUnitRecord): Promise<{ policy: PolicyRecord; unit: OrgUnitRecord } | null> {
  for (const id of [...unit.path].reverse()) {
    const policy = await repos.policies.get(id)
    if (policy) return { policy, unit: id === unit.id ? unit : ((await repos.units.get(id)) ?? unit) }
  }
  return null
}
