import { addDays, type CalendarDate } from '../../../src/domain/calendar'
import { CONTACT_NOTES, NEXT_STEPS } from './demo-ledger-texts'
import { lastFiledOn, type ContactEntry, type Household } from '../../../src/domain/household'
import type { ContactKind } from '../../../src/domain/household-codes'
import type { LedgerActor } from '../../../src/domain/ledger'
import { pick, randomInt } from '../prng'
import { atShanghai } from './demo-time'

/** Contacts start by the end of November 2014 (or soon after filing) and follow every 40-85 days. */
const FIRST_CONTACT_FROM: CalendarDate = '2014-10-01'

/**
 * The paired cadre's contacts with one household while it is on file: until the day before it
 * leaves, else until `lastOn`. No gap exceeds 85 days, so only a household whose `lastOn` is early
 * becomes overdue (at the default 90 days).
 */
export function demoContacts(random: () => number, household: Household, deregOn: CalendarDate | null, lastOn: CalendarDate, by: LedgerActor): ContactEntry[] {
  const filedOn = lastFiledOn(household.history)!
  const first = addDays(filedOn, randomInt(random, 5, 30))
  const floor = addDays(FIRST_CONTACT_FROM, randomInt(random, 0, 60))
  const end = deregOn ? addDays(deregOn, -1) : lastOn
  const out: ContactEntry[] = []
  for (let on = first > floor ? first : floor; on <= end; on = addDays(on, randomInt(random, 40, 85))) {
    const r = random()
    const kind: ContactKind = r < 0.6 ? 'visit' : r < 0.95 ? 'phone' : 'other'
    out.push({
      id: `${household.id}-c${out.length + 1}`,
      householdId: household.id,
      kind,
      on,
      notes: pick(random, CONTACT_NOTES[kind]),
      nextStep: pick(random, NEXT_STEPS),
      by: by.openid,
      byName: by.name,
      createdAt: atShanghai(on, 18),
    })
  }
  return out
}
