import type { Actor, StaffRole } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import type { CallContext, Deps, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { once } from '../shared/idempotency'
import { householdOf, requireStaff } from './access'
import { writeScope } from './household-write'
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
 * replays its reply; the request id used on another household or part of it is CONFLICT), and the
 * file is returned as it is afterwards. `write.part` names the part written (a payment reversed, a
 * measure, a cadre), so the request id is bound to it too.
 */
export async function writeHouseholdFile(
  deps: Deps,
  actor: Actor,
  input: { householdId: string },
  ctx: CallContext,
  write: { action: string; roles: readonly StaffRole[]; part?: string },
  work: (file: FileInTransaction) => Promise<unknown>,
): Promise<HouseholdView> {
  requireStaff(actor, write.roles)
  const now = deps.clock.now()
  await deps.store.transaction((repos) =>
    once(repos, writeScope(write.action, actor, ctx, write.part ? `${input.householdId}/${write.part}` : input.householdId), now, async () => {
      const { rec, unit } = await householdOf(repos, actor, input.householdId)
      return work({ repos, rec, unit, now })
    }),
  )
  return getHousehold(deps, actor, { householdId: input.householdId })
}
