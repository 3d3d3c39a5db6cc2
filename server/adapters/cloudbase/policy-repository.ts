import type { PolicyRecord, PolicyRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { POLICIES } from './collections'
import { readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const POLICIES_COLLECTION = defineCollection(POLICIES)

/** Policy parameters, one document each with _id = the unit id. */
export function policyRepository(scope: Scope): PolicyRepository {
  return {
    async get(unitId) {
      const doc = await readDoc(scope, POLICIES, unitId)
      if (!doc) return null
      const { dibaoLineFen, publicityDays, stageDeadlineDays, subscribeTemplateIds, relativeLineFen, accidentCostPercent } = doc as unknown as PolicyRecord
      return {
        unitId, dibaoLineFen, publicityDays, stageDeadlineDays, subscribeTemplateIds,
        ...(relativeLineFen === undefined || relativeLineFen === null ? {} : { relativeLineFen }),
        ...(accidentCostPercent === undefined || accidentCostPercent === null ? {} : { accidentCostPercent }),
      }
    },
    async put({ unitId, dibaoLineFen, publicityDays, stageDeadlineDays, subscribeTemplateIds, relativeLineFen, accidentCostPercent }) {
      const optional = { ...(relativeLineFen === undefined ? {} : { relativeLineFen }), ...(accidentCostPercent === undefined ? {} : { accidentCostPercent }) }
      await scope.collection(POLICIES).doc(unitId).set({ dibaoLineFen, publicityDays, stageDeadlineDays, subscribeTemplateIds, ...optional })
    },
  }
}
