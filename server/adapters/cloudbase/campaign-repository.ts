import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CAMPAIGNS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

/** Campaigns newest first, by the day they start. */
export const CAMPAIGNS_COLLECTION = defineCollection(CAMPAIGNS, [{ keys: [['startsOn', -1], ['_id', -1]] }])

const toFields = ({ id: _id, ...fields }: Campaign) => fields
const toRecord = ({ _id, ...fields }: StoredDoc): Campaign => ({ id: _id, ...(fields as Omit<Campaign, 'id'>) })

/** 户户清 campaigns, one document each with _id = the campaign id. */
export function campaignRepository(scope: Scope): CampaignRepository {
  const coll = () => scope.collection(CAMPAIGNS)
  return {
    async insert(rec) {
      await coll().add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, CAMPAIGNS, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, CAMPAIGNS, rec.id, toFields(rec), expectedVersion)
    },
    async list({ offset, limit }) {
      outsideTransaction(scope, 'campaigns.list')
      const [docs, { total }] = await Promise.all([
        limit > 0 ? readRange(coll().orderBy('startsOn', 'desc').orderBy('_id', 'desc'), offset, limit) : [],
        coll().count(),
      ])
      return { items: docs.map(toRecord), total: total ?? 0 }
    },
  }
}
