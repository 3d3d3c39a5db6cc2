import type { CallTaskRecord, CallTaskRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CALL_TASKS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readPage, type Scope, type StoredDoc } from './types'

/** The caseworker's 电话联系 list: a jurisdiction's open tasks, oldest first. */
export const CALL_TASKS_COLLECTION = defineCollection(CALL_TASKS, [{ keys: [['status', 1], ['unitId', 1], ['openedAt', 1], ['_id', 1]] }])

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
      await coll().doc(t.id).set(toFields(t))
    },
    async listOpen(unitIds, page) {
      outsideTransaction(scope, 'callTasks.listOpen')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`callTasks.listOpen takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0) return { items: [], total: 0 }
      const where = { status: 'open', unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'callTasks.listOpen', () => coll().where(where), [['openedAt', 'asc'], ['_id', 'asc']], page, toRecord)
    },
  }
}
