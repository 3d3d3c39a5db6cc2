import type { Actor, StaffRole } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import type { CallContext, Deps, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { once } from '../shared/idempotency'
import { householdOf, requireStaff } from './access'
import { writeKey } from './household-write'
import { getHousehold } from './read'

/** The household a write is about, as read inside its transaction. */
export interface FileInTransaction {
  repos: Repositories
  rec: HouseholdRecord
  unit: OrgUnitRecord
  now: Date
}

/**
 * One write to a filed household's file by staff holding one of `roles`: the household is read in
 * the caller's jurisdiction inside one transaction, `work` runs there once per request (a retry
 * replays its reply), and the file is returned as it is afterwards.
 */
export async function writeHouseholdFile(
  deps: Deps,
  actor: Actor,
  input: { householdId: string },
  ctx: CallContext,
  write: { action: string; roles: readonly StaffRole[] },
  work: (file: FileInTransaction) => Promise<unknown>,
): Promise<HouseholdView> {
  requireStaff(actor, write.roles)
  const now = deps.clock.now()
  await deps.store.transaction((repos) =>
    once(repos, writeKey(write.action, actor, ctx), now, async () => {
      const { rec, unit } = await householdOf(repos, actor, input.householdId)
      return work({ repos, rec, unit, now })
    }),
  )
  return getHousehold(deps, actor, { householdId: input.householdId })
}
