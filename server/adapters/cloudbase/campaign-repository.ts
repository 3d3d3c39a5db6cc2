import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CAMPAIGNS } from './collections'
import { readPage, type Scope } from './types'
import { versionedRecords, withId } from './versioned'

/** Campaigns newest first, by the day they start. */
export const CAMPAIGNS_COLLECTION = defineCollection(CAMPAIGNS, [{ keys: [['startsOn', -1], ['_id', -1]] }])

/** 户户清 campaigns, one document each with _id = the campaign id. */
export function campaignRepository(scope: Scope): CampaignRepository {
  return {
    ...versionedRecords<Campaign>(scope, CAMPAIGNS),
    list(page) {
      return readPage(scope, 'campaigns.list', () => scope.collection(CAMPAIGNS), [['startsOn', 'desc'], ['_id', 'desc']], page, withId<Campaign>)
    },
  }
}
