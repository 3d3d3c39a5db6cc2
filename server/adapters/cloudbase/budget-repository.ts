import type { Budget } from '../../../src/domain/budget'
import type { BudgetRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { BUDGETS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { addNew, outsideTransaction, readDoc, readRange, type Scope } from './types'
import { updateAtVersion, withId, withoutId } from './versioned'

/** A jurisdiction's budgets of a year. */
export const BUDGETS_COLLECTION = defineCollection(BUDGETS, [{ keys: [['year', 1], ['unitId', 1]] }])

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
    async listByUnits(unitIds, year) {
      outsideTransaction(scope, 'budgets.listByUnits')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`budgets.listByUnits takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0) return []
      const _ = scope.command
      // At most six budgets a unit.
      return (await readRange(scope.collection(BUDGETS).where({ year, unitId: _.in([...unitIds]) }), 0, unitIds.length * 6)).map(toRecord)
    },
  }
}
