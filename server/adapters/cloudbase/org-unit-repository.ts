import type { OrgUnitRecord, OrgUnitRepository } from '../../ports'
import { ORG_UNITS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

const toUnit = (doc: StoredDoc): OrgUnitRecord => {
  const { name, parentId, path } = doc as unknown as OrgUnitRecord
  return { id: doc._id, name, parentId: parentId ?? null, path }
}

/** The union tree, one document each with _id = the unit id. */
export function orgUnitRepository(scope: Scope): OrgUnitRepository {
  const coll = () => scope.collection(ORG_UNITS)
  return {
    async get(id) {
      const doc = await readDoc(scope, ORG_UNITS, id)
      return doc && toUnit(doc)
    },
    async put({ id, name, parentId, path }) {
      await coll().doc(id).set({ name, parentId, path })
    },
    async children(parentId) {
      outsideTransaction(scope, 'units.children')
      return (await readRange(coll().where({ parentId }).orderBy('_id', 'asc'), 0, Infinity)).map(toUnit)
    },
  }
}
