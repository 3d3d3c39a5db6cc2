import { addDays, type CalendarDate } from '../../../src/domain/calendar'
import type { CheckOutcome, CheckRecord, ItemCheck } from '../../../src/domain/campaign'
import { DIFFICULTY_TASKS, SIX_ITEM_NOTES } from './demo-ledger-texts'
import type { Household } from '../../../src/domain/household'
import { DIFFICULTY_GROUP_CODES } from '../../../src/domain/household-codes'
import type { LedgerActor } from '../../../src/domain/ledger'
import { randomInt, shuffled } from '../prng'
import { SIX_ITEM_CODES, type SixItem } from '../../../src/domain/review'
import { DEMO_CAMPAIGN_2020 } from './seed-figures'
import { atShanghai } from './demo-time'

/** A kept household's outcome: one to three remaining difficulties, each with its task. */
export function keptOutcome(random: () => number): CheckOutcome {
  const groups = shuffled(random, DIFFICULTY_GROUP_CODES).slice(0, randomInt(random, 1, 3))
  return { kind: 'keep', difficulties: groups.map((group) => ({ group, task: DIFFICULTY_TASKS[group] })) }
}

/** The 2020 check of one household: the six items confirmed over the week before `checkOn`, then the outcome. */
export function demoCampaignRecord(random: () => number, household: Household, checkOn: CalendarDate, outcome: CheckOutcome, by: LedgerActor): CheckRecord {
  const startOn = addDays(checkOn, -randomInt(random, 0, 7))
  const items = Object.fromEntries(
    SIX_ITEM_CODES.map((code, k) => {
      const check: ItemCheck = { confirmed: true, changed: false, note: SIX_ITEM_NOTES[code], evidenceIds: [], at: atShanghai(startOn, 9, k * 10), by: by.openid, byName: by.name }
      return [code, check]
    }),
  ) as Record<SixItem, ItemCheck>
  return {
    id: `${DEMO_CAMPAIGN_2020.id}:${household.id}`,
    campaignId: DEMO_CAMPAIGN_2020.id,
    householdId: household.id,
    unitId: household.unitId,
    items,
    outcome,
    outcomeAt: atShanghai(checkOn, 17),
    outcomeBy: by.openid,
    updatedAt: atShanghai(checkOn, 17),
    version: SIX_ITEM_CODES.length + 1,
  }
}
