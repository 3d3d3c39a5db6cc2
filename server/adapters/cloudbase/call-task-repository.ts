import type { CallTaskRecord, CallTaskRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CALL_TASKS } from './collections'
import { outsideTransaction, readDoc, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'

/**
 * The caseworker's 电话联系 list: a jurisdiction's open tasks, oldest first. A task keeps its
 * unit's path (`unitPath`, multikey), so a jurisdiction of any size is one index range; a moved
 * unit's tasks are found by `unitId` to rewrite it.
 */
export const CALL_TASKS_COLLECTION = defineCollection(CALL_TASKS, [{ keys: [[UNIT_PATH, 1], ['status', 1], ['openedAt', 1], ['_id', 1]] }, { keys: [['unitId', 1], ['_id', 1]] }])

type Fields = Omit<CallTaskRecord, 'id'>
const FIELDS = ['applicationId', 'unitId', 'status', 'openedAt', 'reasons', 'occasions', 'attempts', 'doneAt'] as const satisfies readonly (keyof Fields)[]

const toFields = (t: CallTaskRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, t[f]])) as Fields
const toRecord = (doc: StoredDoc): CallTaskRecord => ({ id: doc._id, ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f] ?? null])) as Fields) })

/** 电话联系 tasks, one document per case with _id = `call:<applicationId>`. */
export function callTaskRepository(scope: Scope): CallTaskRepository {
  const coll = () => scope.collection(CALL_TASKS)
  return {
    async get(id) {
      const doc = await readDoc(scope, CALL_TASKS, id)
      return doc && toRecord(doc)
    },
    async put(t) {
      await coll().doc(t.id).set({ ...toFields(t), [UNIT_PATH]: await unitPathOf(scope, t.unitId) })
    },
    async openUnder(under, after, limit) {
      outsideTransaction(scope, 'callTasks.openUnder')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status: 'open', ...where })
      return (await readAfter(scope, query, 'openedAt', after && { value: after.openedAt, id: after.id }, limit)).map(toRecord)
    },
    async countOpenUnder(under) {
      outsideTransaction(scope, 'callTasks.countOpenUnder')
      return (await coll().where({ [UNIT_PATH]: under, status: 'open' }).count()).total ?? 0
    },
  }
}
