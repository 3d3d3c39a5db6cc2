import type { RunResult } from '../../server/adapters/cloudbase/migrations/runner'
import { describeChange, formatPlan, summarize } from './format'
import { formatMigrations, type MigrationStep } from './migrate'
import type { Change, DesiredState, Plan } from './model'
import { planChanges, type PlanOptions } from './plan'
import type { CloudbaseTarget } from './target'

export interface DeployResult {
  plan: Plan
  applied: Change[]
  /** What the data-migration step did; absent without a step or with `planOnly`. */
  migrations?: RunResult
}

/**
 * Reads the environment, plans, and (unless `planOnly`) applies each change in order, printing
 * each, then runs the data migrations not applied yet (`migrations`). Stops before any change when
 * the plan has a blocker, and at the first failed change or migration (a second run picks up from
 * what the environment then holds, and resumes a migration that was cut short).
 */
export async function deploy(
  target: CloudbaseTarget,
  desired: DesiredState,
  options: PlanOptions & { planOnly?: boolean; migrations?: MigrationStep },
  log: (line: string) => void,
): Promise<DeployResult> {
  log(`Reading environment ${desired.envId} ...`)
  const plan = planChanges(desired, await target.describe(desired), options)
  log(`Plan (${summarize(plan.changes)}):`)
  log(formatPlan(plan))
  const step = options.migrations
  const migrationStates = step ? await step.states() : null
  if (migrationStates) log(formatMigrations(migrationStates.states, migrationStates.unknown))
  const applied: Change[] = []
  const blockers = plan.blockers.length + (migrationStates?.unknown.length ?? 0)
  if (blockers) throw new Error(`deploy stopped before changing anything: ${blockers} blocker(s) above`)
  if (options.planOnly) return { plan, applied }
  for (const change of plan.changes) {
    log(`  ... ${describeChange(change)}`)
    await target.apply(change, desired)
    applied.push(change)
  }
  log(applied.length ? `Done: ${summarize(applied)}.` : 'Done: nothing changed.')
  if (!step) return { plan, applied }
  log('Data migrations ...')
  const migrations = await step.run(log)
  log(migrations.applied.length ? `Done: applied ${migrations.applied.join(', ')}.` : 'Done: every data migration was applied already.')
  return { plan, applied, migrations }
}
