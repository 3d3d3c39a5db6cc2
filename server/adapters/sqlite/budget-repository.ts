import type { Budget } from '../../../src/domain/budget'
import type { BudgetRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readByIds, readOne } from './documents'

/** Budgets, one row each, written at a version. */
export function budgetRepository(db: Db): BudgetRepository {
  return {
    async get(id) {
      return readOne<Budget>(db, 'SELECT doc FROM budgets WHERE id = ?', id)
    },
    async put(rec, expectedVersion) {
      const doc = JSON.stringify(rec)
      return expectedVersion === 0
        ? changedOne(db, 'INSERT INTO budgets (id, unit_id, year, version, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', rec.id, rec.unitId, rec.year, rec.version, doc)
        : changedOne(db, 'UPDATE budgets SET version = ?, doc = ? WHERE id = ? AND version = ?', rec.version, doc, rec.id, expectedVersion)
    },
    async getMany(ids) {
      return readByIds(db, 'budgets', ids)
    },
  }
}
