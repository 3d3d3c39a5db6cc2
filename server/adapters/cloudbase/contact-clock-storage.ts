import { OPEN_END, type FiledSpell, type OverdueSpell } from '../../../src/domain/contact-spells'
import type { OverdueEntry } from '../../ports'
import { contactDaysFromLog, spellKey, withContactClocks, type ClockStorage, type ContactClock, type PlainRepositories } from '../contact-clocks/maintain'
import { defineCollection } from './collection-schema'
import { CONTACT_CLOCKS, FILED_SPELLS, OVERDUE_SPELLS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { UNIT_PATH, unitPathOf } from './unit-paths'

/** Read and written by _id (the household's id) only. */
export const CONTACT_CLOCKS_COLLECTION = defineCollection(CONTACT_CLOCKS)

/**
 * Spells under the unit's path (multikey): counted by start and by end, listed open (or ended
 * after the day) in order of the day their days count from.
 */
export const OVERDUE_SPELLS_COLLECTION = defineCollection(OVERDUE_SPELLS, [
  { keys: [[UNIT_PATH, 1], ['start', 1]] },
  { keys: [[UNIT_PATH, 1], ['end', 1]] },
  { keys: [[UNIT_PATH, 1], ['end', 1], ['anchorOn', 1], ['householdId', 1], ['start', 1]] },
  { keys: [[UNIT_PATH, 1], ['anchorOn', 1], ['householdId', 1], ['start', 1], ['end', 1]] },
])

/** Spells on file under the unit's path, counted by start and by end. */
export const FILED_SPELLS_COLLECTION = defineCollection(FILED_SPELLS, [
  { keys: [[UNIT_PATH, 1], ['start', 1]] },
  { keys: [[UNIT_PATH, 1], ['end', 1]] },
])

const toEntry = (d: StoredDoc): OverdueEntry => ({
  householdId: String(d.householdId),
  unitId: String(d.unitId),
  anchorOn: String(d.anchorOn),
  contactOn: d.contactOn === null || d.contactOn === undefined ? null : String(d.contactOn),
})

/**
 * Overdue contacts on CloudBase (server/adapters/contact-clocks/maintain.ts). A write reads the
 * household's clock and its unit's path by _id and sets or removes its spells by _id, so it runs
 * inside the caller's transaction; no document is shared between households. A count is two
 * `count()`s on an index range, however many households the unit holds.
 */
export function cloudClockStorage(scope: Scope): ClockStorage {
  const spells = () => scope.collection(OVERDUE_SPELLS)
  return {
    async get(householdId) {
      const doc = await readDoc(scope, CONTACT_CLOCKS, householdId)
      if (!doc) return null
      const { _id, ...rest } = doc
      return { ...(rest as unknown as Omit<ContactClock, 'householdId'>), householdId: _id }
    },
    async put(clock, changes, before) {
      const path = changes.added.length || changes.filedAdded.length ? await unitPathOf(scope, clock.unitId) : []
      const id = (s: { start: string }) => spellKey(clock.householdId, s)
      // A spell written again under the same id is set over; only those not written again are removed.
      const drop = <T extends { start: string }>(coll: string, gone: readonly T[], added: readonly T[]) => {
        const written = new Set(added.map(id))
        return gone.filter((s) => !written.has(id(s))).map((s) => scope.collection(coll).doc(id(s)).remove())
      }
      const base = { householdId: clock.householdId, unitId: clock.unitId, [UNIT_PATH]: path }
      await Promise.all([
        ...drop(OVERDUE_SPELLS, changes.gone, changes.added),
        ...drop(FILED_SPELLS, changes.filedGone, changes.filedAdded),
        ...changes.added.map((s: OverdueSpell) => spells().doc(id(s)).set({ ...base, start: s.start, end: s.end, anchorOn: s.anchorOn, contactOn: s.contactOn })),
        ...changes.filedAdded.map((s: FiledSpell) => scope.collection(FILED_SPELLS).doc(id(s)).set({ ...base, start: s.start, end: s.end })),
      ])
      void before
      const { householdId, ...rest } = clock
      await scope.collection(CONTACT_CLOCKS).doc(householdId).set(rest)
    },
    async overdueCount(unitId, day) {
      outsideTransaction(scope, 'contactClocks.overdueCount')
      const _ = scope.command
      const [started, ended] = await Promise.all([
        spells().where({ [UNIT_PATH]: unitId, start: _.lte(day) }).count(),
        spells().where({ [UNIT_PATH]: unitId, end: _.lte(day) }).count(),
      ])
      return (started.total ?? 0) - (ended.total ?? 0)
    },
    async filedCount(unitId, at) {
      outsideTransaction(scope, 'contactClocks.filedCount')
      const _ = scope.command
      const filed = () => scope.collection(FILED_SPELLS)
      const [started, ended] = await Promise.all([filed().where({ [UNIT_PATH]: unitId, start: _.lt(at) }).count(), filed().where({ [UNIT_PATH]: unitId, end: _.lt(at) }).count()])
      return (started.total ?? 0) - (ended.total ?? 0)
    },
    async overdueLongest(unitId, day, limit) {
      outsideTransaction(scope, 'contactClocks.overdueLongest')
      if (limit <= 0) return []
      const _ = scope.command
      const byAnchor = (where: object) => spells().where(where).orderBy('anchorOn', 'asc').orderBy('householdId', 'asc')
      // Spells end on a day something happened (not after today): for a day after the last one, only open spells hold it.
      const [last] = await readRange(spells().where({ [UNIT_PATH]: unitId, end: _.lt(OPEN_END) }).orderBy('end', 'desc'), 0, 1)
      const docs =
        !last || String(last.end) <= day
          ? await readRange(byAnchor({ [UNIT_PATH]: unitId, end: OPEN_END, start: _.lte(day) }), 0, limit)
          : await readRange(byAnchor(_.and([{ [UNIT_PATH]: unitId }, { end: _.gt(day) }, { start: _.lte(day) }])), 0, limit)
      return docs.map(toEntry)
    },
  }
}

/** `repos` with the overdue contacts kept by every household and contact write. */
export function withCloudContactClocks<R extends PlainRepositories>(scope: Scope, repos: R) {
  return withContactClocks(repos, cloudClockStorage(scope), (id) => contactDaysFromLog(repos, id))
}
