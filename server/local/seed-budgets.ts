import { budgetIdOf, type Budget } from '../../src/domain/budget'
import { shanghaiYear } from '../../src/domain'
import type { FundSource } from '../../src/domain/household-codes'
import type { Store } from '../ports'

/** The demo city's budget for a year, per fund source, in yuan (sample figures, in line with the seed's yearly aid). */
const DEMO_BUDGET_YUAN: Record<FundSource, number> = { central: 500_000, provincial: 200_000, prefecture: 100_000, county: 100_000, union: 60_000, donation: 20_000 }

/**
 * The city's budgets for the year of `at` (Asia/Shanghai), so payments can be recorded in the demo;
 * each is written once, and one an admin changed is left as it is.
 */
export async function seedDemoBudgets(store: Store, rootId: string, at: Date): Promise<boolean> {
  const year = shanghaiYear(at)
  let wrote = false
  await store.transaction(async (repos) => {
    for (const [fundSource, yuan] of Object.entries(DEMO_BUDGET_YUAN) as [FundSource, number][]) {
      const id = budgetIdOf(rootId, year, fundSource)
      const budget: Budget = { id, unitId: rootId, year, fundSource, amountFen: yuan * 100, committedFen: 0, version: 1, setBy: 'system', setAt: at.toISOString() }
      if (await repos.budgets.put(budget, 0)) wrote = true
    }
  })
  return wrote
}
