import type { CalendarDate } from '../../../src/domain/calendar'
import type { ContactEntry } from '../../../src/domain/household'
import type { Repositories } from '../../ports'

const PAGE = 50

/**
 * The household's latest contact on or before `day`, from its log (newest first, so the first
 * page holding one has it), or null. A query.
 */
export async function latestContactBy(repos: Repositories, householdId: string, day: CalendarDate): Promise<Pick<ContactEntry, 'householdId' | 'on'> | null> {
  for (let offset = 0; ; offset += PAGE) {
    const { items, total } = await repos.contacts.listByHousehold(householdId, { offset, limit: PAGE })
    const best = items.reduce<CalendarDate | null>((m, c) => (c.on <= day && (m === null || c.on > m) ? c.on : m), null)
    if (best !== null) return { householdId, on: best }
    if (items.length < PAGE || offset + PAGE >= total) return null
  }
}
