import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readAll, readPage } from './documents'

/** After the last shown (starts_on, id), newest first; '￿' sorts after any day and id. */
const END = '\uffff'

/**
 * A page of the campaigns that concern a unit (migration 52's entries): those with a scope unit
 * under it (entries 'under' the unit), and those with a scope unit above it (an entry 'scope' at
 * a unit of its path): each range read newest first and at most `limit`, merged, once each.
 */
const PAGE = `
  SELECT c.doc FROM campaigns c WHERE c.id IN (
    SELECT campaign_id FROM (
      SELECT * FROM (SELECT starts_on, campaign_id FROM campaign_entries WHERE kind = 'under' AND unit_id = @unit
        AND (starts_on, campaign_id) < (@s, @i) ORDER BY starts_on DESC, campaign_id DESC LIMIT @n)
      UNION
      SELECT starts_on, campaign_id FROM campaign_entries e, json_each(@above) a WHERE e.kind = 'scope' AND e.unit_id = a.value
        AND (e.starts_on, e.campaign_id) < (@s, @i)
    ) ORDER BY starts_on DESC, campaign_id DESC LIMIT @n
  ) ORDER BY c.starts_on DESC, c.id DESC`

/** How many: those under the unit, and those above it that are not also under it. */
const COUNT = `
  SELECT (SELECT count(*) FROM campaign_entries WHERE kind = 'under' AND unit_id = @unit)
    + (SELECT count(DISTINCT e.campaign_id) FROM campaign_entries e, json_each(@above) a WHERE e.kind = 'scope' AND e.unit_id = a.value
        AND NOT EXISTS (SELECT 1 FROM campaign_entries u WHERE u.kind = 'under' AND u.unit_id = @unit AND u.starts_on = e.starts_on AND u.campaign_id = e.campaign_id))`

export function campaignRepository(db: Db): CampaignRepository {
  const count = db.prepare(COUNT).pluck()
  const args = (unit: { id: string; path: readonly string[] }) => ({ unit: unit.id, above: JSON.stringify(unit.path.filter((id) => id !== unit.id)) })
  return {
    ...guardedRows<Campaign, number>(db, 'campaigns', { starts_on: (r) => r.startsOn, version: (r) => r.version }),
    async list(page) {
      return readPage(db, 'campaigns', [], 'starts_on DESC, id DESC', page)
    },
    async listFor(unit, after, limit) {
      if (limit <= 0) return []
      return readAll<Campaign>(db, PAGE, { ...args(unit), s: after?.startsOn ?? END, i: after?.id ?? END, n: limit })
    },
    async countFor(unit) {
      return count.get(args(unit)) as number
    },
  }
}
