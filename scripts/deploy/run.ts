import { describeChange, formatPlan, summarize } from './format'
import type { Change, DesiredState, Plan } from './model'
import { planChanges, type PlanOptions } from './plan'
import type { CloudbaseTarget } from './target'

export interface DeployResult {
  plan: Plan
  applied: Change[]
}

/**
 * Reads the environment, plans, and (unless `planOnly`) applies each change in order, printing
 * each. Stops before any change when the plan has a blocker, and at the first failed change (a
 * second run picks up from what the environment then holds).
 */
export async function deploy(
  target: CloudbaseTarget,
  desired: DesiredState,
  options: PlanOptions & { planOnly?: boolean },
  log: (line: string) => void,
): Promise<DeployResult> {
  log(`Reading environment ${desired.envId} ...`)
  const plan = planChanges(desired, await target.describe(desired), options)
  log(`Plan (${summarize(plan.changes)}):`)
  log(formatPlan(plan))
  const applied: Change[] = []
  if (plan.blockers.length) throw new Error(`deploy stopped before changing anything: ${plan.blockers.length} blocker(s) above`)
  if (options.planOnly) return { plan, applied }
  for (const change of plan.changes) {
    log(`  ... ${describeChange(change)}`)
    await target.apply(change, desired)
    applied.push(change)
  }
  log(applied.length ? `Done: ${summarize(applied)}.` : 'Done: nothing changed.')
  return { plan, applied }
}
