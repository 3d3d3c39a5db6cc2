import type { PolicyRecord, PolicyRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { POLICIES } from './collections'
import { readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const POLICIES_COLLECTION = defineCollection(POLICIES)

const REQUIRED = ['dibaoLineFen', 'publicityDays', 'stageDeadlineDays', 'subscribeTemplateIds'] as const
/** Fields a policy may leave out: absent ones are not stored, so the defaults apply. */
const OPTIONAL = ['subscribeTemplateFields', 'relativeLineFen', 'accidentCostPercent', 'contactOverdueDays', 'retention'] as const satisfies readonly (keyof PolicyRecord)[]

const pick = (from: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.flatMap((k) => (from[k] === undefined || from[k] === null ? [] : [[k, from[k]]])))

/** Policy parameters, one document each with _id = the unit id. */
export function policyRepository(scope: Scope): PolicyRepository {
  return {
    async get(unitId) {
      const doc = await readDoc(scope, POLICIES, unitId)
      if (!doc) return null
      return { unitId, ...pick(doc, REQUIRED), ...pick(doc, OPTIONAL) } as PolicyRecord
    },
    async put(policy) {
      const fields = policy as unknown as Record<string, unknown>
      await scope.collection(POLICIES).doc(policy.unitId).set({ ...pick(fields, REQUIRED), ...pick(fields, OPTIONAL) })
    },
  }
}
