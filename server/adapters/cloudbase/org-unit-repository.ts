import type { OrgUnitRecord, OrgUnitRepository } from '../../ports'
import { spreadCampaignPaths } from './campaign-repository'
import { defineCollection } from './collection-schema'
import { APPLICATIONS, HOUSEHOLDS, ORG_UNITS } from './collections'
import { spreadUnitPaths, UNIT_LIST_COLLECTIONS, UNIT_LIST_COLLECTIONS_019, UNIT_LIST_COLLECTIONS_020, UNIT_LIST_COLLECTIONS_021, UNIT_LIST_COLLECTIONS_024, UNIT_LIST_COLLECTIONS_029 } from './unit-paths'
import { outsideTransaction, readByIds, readDoc, readRange, type Scope, type StoredDoc } from './types'

const toUnit = (doc: StoredDoc): OrgUnitRecord => {
  const { name, parentId, path, version } = doc as unknown as OrgUnitRecord
  return { id: doc._id, name, parentId: parentId ?? null, path, ...(version !== undefined ? { version } : {}) }
}

/** `children` lists a unit's children by id; `subtree` finds every unit whose path holds an id (a multikey index on the array). */
export const ORG_UNITS_COLLECTION = defineCollection(ORG_UNITS, [{ keys: [['parentId', 1], ['_id', 1]] }, { keys: [['path', 1], ['_id', 1]] }])

/** The union tree, one document each with _id = the unit id. */
export function orgUnitRepository(scope: Scope): OrgUnitRepository {
  const coll = () => scope.collection(ORG_UNITS)
  return {
    async get(id) {
      const doc = await readDoc(scope, ORG_UNITS, id)
      return doc && toUnit(doc)
    },
    async put({ id, ...fields }) {
      await coll().doc(id).set(fields)
    },
    async children(parentId) {
      outsideTransaction(scope, 'units.children')
      return (await readRange(coll().where({ parentId }).orderBy('_id', 'asc'), 0, Infinity)).map(toUnit)
    },
    async childPage(parentId, afterId, limit) {
      outsideTransaction(scope, 'units.childPage')
      const where = afterId === null ? { parentId } : { parentId, _id: scope.command.gt(afterId) }
      return (await readRange(coll().where(where).orderBy('_id', 'asc'), 0, limit)).map(toUnit)
    },
    async getMany(ids) {
      return (await readByIds(scope, ORG_UNITS, ids, 'units.getMany')).map(toUnit)
    },
    async spreadPaths(units) {
      outsideTransaction(scope, 'units.spreadPaths')
      await spreadUnitPaths(scope, APPLICATIONS, units)
      await spreadUnitPaths(scope, HOUSEHOLDS, units)
      for (const c of [...UNIT_LIST_COLLECTIONS, ...UNIT_LIST_COLLECTIONS_019, ...UNIT_LIST_COLLECTIONS_020, ...UNIT_LIST_COLLECTIONS_021, ...UNIT_LIST_COLLECTIONS_024, ...UNIT_LIST_COLLECTIONS_029]) await spreadUnitPaths(scope, c, units)
      await spreadCampaignPaths(scope, units)
    },
    async subtree(rootId) {
      outsideTransaction(scope, 'units.subtree')
      // Equality on an array field matches documents whose array holds the value.
      return (await readRange(coll().where({ path: rootId }).orderBy('_id', 'asc'), 0, Infinity)).map(toUnit)
    },
  }
}
