import type { PolicyRecord, PolicyRepository } from '../../ports'
import type { Db } from './connection'
import { keyedDocs } from './documents'

export const policyRepository = (db: Db): PolicyRepository => keyedDocs<PolicyRecord>(db, 'policies', 'unit_id', (p) => p.unitId)
