import type { CalendarDate } from '../../../src/domain/calendar'
import { filedSpells, overdueSpells, type FiledSpell, type OverdueSpell } from '../../../src/domain/contact-spells'
import { DEFAULT_CONTACT_OVERDUE_DAYS, type StatusEvent } from '../../../src/domain/household'
import type { ContactClockRepository, HouseholdRecord, OverdueEntry, Repositories } from '../../ports'

/**
 * How both stores keep the overdue contacts (src/domain/contact-spells.ts). Every write of a
 * household or a contact recomputes that household's spells, in the same transaction when the
 * caller runs one, from what its clock keeps (its contact days, the overdue days of its policy)
 * and the record being written: reads by id only, so it works inside a CloudBase transaction, and
 * each household's clock is its own document, so concurrent writers never meet on one.
 *
 * The overdue days are those of the household's unit's policy (inherited) when its clock was
 * made; `rebuild` takes them afresh (after a policy's `contactOverdueDays` changed).
 */

/** What a store keeps per household; `spells` are the ones written to the spell index. */
export interface ContactClock {
  householdId: string
  unitId: string
  days: number
  /** Distinct contact days, sorted. */
  contactDays: CalendarDate[]
  /** The status entries and unit the spells were computed from. */
  statusKey: string
  spells: OverdueSpell[]
  /** The spells on file (a campaign's scope counts them). */
  filed: FiledSpell[]
  /** The units the spells were indexed under (SQLite: removed from those, even after a move). */
  path?: string[]
}

/** What a write changes in the spell indexes. */
export interface SpellChanges {
  gone: readonly OverdueSpell[]
  added: readonly OverdueSpell[]
  filedGone: readonly FiledSpell[]
  filedAdded: readonly FiledSpell[]
}

/** What each store provides. */
export interface ClockStorage {
  get(householdId: string): Promise<ContactClock | null>
  /** Writes the clock, removes the spells gone and writes those added (under the clock's unit; those gone under `before`'s). */
  put(clock: ContactClock, changes: SpellChanges, before: ContactClock | null): Promise<void>
  overdueCount(unitId: string, day: CalendarDate): Promise<number>
  /** Households under `unitId` on file at the instant `at`. */
  filedCount(unitId: string, at: string): Promise<number>
  overdueLongest(unitId: string, day: CalendarDate, limit: number): Promise<OverdueEntry[]>
}

/** The repositories without the two the stores add themselves. */
export type PlainRepositories = Omit<Repositories, 'figures' | 'contactClocks'>

/** A spell's id within its household: spells of one household never share a start. */
export const spellKey = (householdId: string, s: Pick<OverdueSpell, 'start'>) => `${householdId}:${s.start}`

const sameSpell = (a: OverdueSpell, b: OverdueSpell) => a.start === b.start && a.end === b.end && a.anchorOn === b.anchorOn && a.contactOn === b.contactOn
const sameFiled = (a: FiledSpell, b: FiledSpell) => a.start === b.start && a.end === b.end
const without = <T>(list: readonly T[], other: readonly T[], same: (a: T, b: T) => boolean) => list.filter((s) => !other.some((t) => same(s, t)))

/** What a clock's spells were computed from besides the contact days: the unit and the status entries. */
export const statusKeyOf = (rec: Pick<HouseholdRecord, 'unitId' | 'history'>) =>
  JSON.stringify([rec.unitId, rec.history.filter((e) => e.kind === 'filed' || e.kind === 'refiled' || e.kind === 'deregistered').map((e: StatusEvent) => [e.at, e.kind])])

/** Days without contact after which a household of the unit is overdue: its policy's, inherited, else the default. Reads by id. */
export async function overdueDaysOf(repos: Pick<Repositories, 'units' | 'policies'>, unitId: string): Promise<number> {
  const path = (await repos.units.get(unitId))?.path ?? [unitId]
  for (const id of [...path].reverse()) {
    const days = (await repos.policies.get(id))?.contactOverdueDays
    if (days !== undefined) return days
  }
  return DEFAULT_CONTACT_OVERDUE_DAYS
}

/**
 * Brings a household's clock up to date with `rec` (its record as now written; null: read it) and
 * a contact day just logged. `fresh` recomputes everything, the overdue days included.
 */
export async function refreshClock(
  storage: ClockStorage,
  repos: Pick<Repositories, 'units' | 'policies' | 'households'>,
  householdId: string,
  rec: Pick<HouseholdRecord, 'unitId' | 'history'> | null,
  contactDay: CalendarDate | null,
  fresh?: { contactDays: CalendarDate[] },
): Promise<void> {
  const clock = await storage.get(householdId)
  const record = rec ?? (await repos.households.get(householdId))
  let contactDays = fresh?.contactDays ?? clock?.contactDays ?? []
  if (contactDay !== null && !contactDays.includes(contactDay)) contactDays = [...contactDays, contactDay].sort()
  if (!record) {
    // A contact of a household not written yet (an import's order): keep the day for its filing.
    if (contactDay !== null && clock?.contactDays !== contactDays)
      await storage.put({ householdId, unitId: clock?.unitId ?? '', days: clock?.days ?? 0, contactDays, statusKey: '', spells: clock?.spells ?? [], filed: clock?.filed ?? [] }, NO_CHANGES, clock)
    return
  }
  const statusKey = statusKeyOf(record)
  if (!fresh && clock && clock.statusKey === statusKey && clock.contactDays === contactDays) return
  const sameUnit = !fresh && clock !== null && clock.unitId === record.unitId && clock.statusKey !== ''
  const days = sameUnit ? clock.days : await overdueDaysOf(repos, record.unitId)
  const spells = overdueSpells(record.history, contactDays, days)
  const filed = filedSpells(record.history)
  // A new unit (or a rebuild) rewrites every spell; otherwise only those that changed.
  const kept = sameUnit ? clock : null
  const changes: SpellChanges = {
    gone: kept ? without(kept.spells, spells, sameSpell) : (clock?.spells ?? []),
    added: kept ? without(spells, kept.spells, sameSpell) : spells,
    filedGone: kept ? without(kept.filed ?? [], filed, sameFiled) : (clock?.filed ?? []),
    filedAdded: kept ? without(filed, kept.filed ?? [], sameFiled) : filed,
  }
  await storage.put({ householdId, unitId: record.unitId, days, contactDays, statusKey, spells, filed }, changes, clock)
}

const NO_CHANGES: SpellChanges = { gone: [], added: [], filedGone: [], filedAdded: [] }

/**
 * `repos` with the clocks: each household insert or update and each contact added refreshes the
 * household's clock right after the write, through the same repositories (so in its transaction).
 */
export function withContactClocks<R extends PlainRepositories>(repos: R, storage: ClockStorage, contactDaysOf: (householdId: string) => Promise<CalendarDate[]>): R & { contactClocks: ContactClockRepository } {
  const { households, contacts } = repos
  return {
    ...repos,
    households: {
      ...households,
      async insert(rec) {
        await households.insert(rec)
        await refreshClock(storage, repos, rec.id, rec, null)
      },
      async update(rec, expectedVersion) {
        if (!(await households.update(rec, expectedVersion))) return false
        await refreshClock(storage, repos, rec.id, rec, null)
        return true
      },
    },
    contacts: {
      ...contacts,
      async add(rec) {
        await contacts.add(rec)
        await refreshClock(storage, repos, rec.householdId, null, rec.on)
      },
    },
    contactClocks: {
      overdueCount: (unitId, day) => storage.overdueCount(unitId, day),
      overdueLongest: (unitId, day, limit) => storage.overdueLongest(unitId, day, limit),
      filedCount: (unitId, at) => storage.filedCount(unitId, at),
      async rebuild(householdId) {
        const rec = await repos.households.get(householdId)
        if (!rec) return false
        await refreshClock(storage, repos, householdId, rec, null, { contactDays: await contactDaysOf(householdId) })
        return true
      },
      async rebuildUnder(unitId) {
        let n = 0
        // The households under the unit by file number, a page at a time (its path: however many units).
        for (let after: { number: string; id: string } | null = null; ; ) {
          const page = await repos.households.listPage({ under: unitId, after, limit: 200 })
          for (const rec of page) {
            await refreshClock(storage, repos, rec.id, rec, null, { contactDays: await contactDaysOf(rec.id) })
            n++
          }
          if (page.length < 200) break
          after = { number: page[page.length - 1].number, id: page[page.length - 1].id }
        }
        return n
      },
    },
  }
}

/** Every contact day of a household from its log (a query: rebuilds and migrations only). */
export async function contactDaysFromLog(repos: Pick<Repositories, 'contacts'>, householdId: string): Promise<CalendarDate[]> {
  const days = new Set<CalendarDate>()
  for (let offset = 0; ; offset += 100) {
    const { items, total } = await repos.contacts.listByHousehold(householdId, { offset, limit: 100 })
    for (const c of items) days.add(c.on)
    if (items.length < 100 || offset + 100 >= total) break
  }
  return [...days].sort()
}
