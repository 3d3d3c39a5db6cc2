import type { Budget } from '../../../src/domain/budget'
import type { BudgetRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { BUDGETS } from './collections'
import { addNew, readByIds, readDoc, type Scope } from './types'
import { updateAtVersion, withId, withoutId } from './versioned'

/** Read by id only (a unit's budgets are `budgetIdOf` its id, year and fund source): no index besides _id. */
export const BUDGETS_COLLECTION = defineCollection(BUDGETS, [])

const toRecord = withId<Budget>

/**
 * Budgets, one document each with _id = `<unitId>:<year>:<fundSource>`: every payment drawing on a
 * budget writes its document, so payments contend only with others on the same budget.
 */
export function budgetRepository(scope: Scope): BudgetRepository {
  return {
    async get(id) {
      const doc = await readDoc(scope, BUDGETS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      return expectedVersion === 0 ? addNew(scope, BUDGETS, rec.id, withoutId(rec)) : updateAtVersion(scope, BUDGETS, rec.id, withoutId(rec), expectedVersion)
    },
    async getMany(ids) {
      return (await readByIds(scope, BUDGETS, ids, 'budgets.getMany')).map(toRecord)
    },
  }
}
