import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readPage } from './documents'

export function campaignRepository(db: Db): CampaignRepository {
  return {
    ...guardedRows<Campaign, number>(db, 'campaigns', { starts_on: (r) => r.startsOn, version: (r) => r.version }),
    async list(page) {
      return readPage(db, 'campaigns', [], 'starts_on DESC, id DESC', page)
    },
  }
}
