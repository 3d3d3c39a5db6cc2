import fc from 'fast-check'
import { addDays, shanghaiDayEndMs, type CalendarDate } from './calendar'
import { filedHolds, filedSpells, overdueSpells, spellHolds } from './contact-spells'
import { contactDue, householdStatusAt, lastFiledOn, type StatusEvent } from './household'

const START: CalendarDate = '2020-01-01'
const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays(START, n))
// Near Shanghai's midnight half of the time, and ties between entries.
const instant = fc.tuple(day, fc.constantFrom('15:59:59.999', '16:00:00.000', '03:00:00.000', '23:30:00.000')).map(([d, t]) => `${d}T${t}Z`)

/** A status history in time order: filed, then deregistered and refiled alternately. */
const history = fc.array(instant, { minLength: 1, maxLength: 5 }).map((ats) =>
  [...ats].sort().map((at, i): StatusEvent => ({ at, kind: i === 0 ? 'filed' : i % 2 === 1 ? 'deregistered' : 'refiled' })),
)

/** The reference: overdue at the end of `t` (computeDashboard's rule). */
function overdueAt(h: readonly StatusEvent[], contacts: readonly CalendarDate[], t: CalendarDate, days: number): boolean {
  const endMs = shanghaiDayEndMs(t)
  if (householdStatusAt(h, endMs) !== 'filed') return false
  const filedOn = lastFiledOn(h.filter((e) => Date.parse(e.at) < endMs))!
  return contactDue(contacts.map((on) => ({ on })), filedOn, t, days).overdue
}

test('a household is in one of its overdue spells at the end of exactly the days the reference calls it overdue', () => {
  fc.assert(
    fc.property(history, fc.array(day, { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), (h, contacts, days) => {
      const spells = overdueSpells(h, contacts, days)
      for (let n = -5; n <= 520; n++) {
        const t = addDays(START, n)
        const holding = spells.filter((s) => spellHolds(s, t))
        expect(holding.length).toBeLessThanOrEqual(1)
        expect({ t, overdue: holding.length === 1 }).toEqual({ t, overdue: overdueAt(h, contacts, t, days) })
      }
      for (let i = 1; i < spells.length; i++) expect(spells[i - 1].end <= spells[i].start).toBe(true)
      for (const s of spells) expect(s.start < s.end).toBe(true)
    }),
    { numRuns: 150 },
  )
})

test('a spell carries the last contact and the day the days count from', () => {
  const h: StatusEvent[] = [{ at: '2020-01-10T02:00:00.000Z', kind: 'filed' }]
  expect(overdueSpells(h, ['2020-02-01'], 30)).toEqual([{ start: '2020-03-03', end: '9999-12-31', anchorOn: '2020-02-01', contactOn: '2020-02-01' }])
  expect(overdueSpells(h, ['2020-03-01'], 30)).toEqual([
    { start: '2020-02-10', end: '2020-03-01', anchorOn: '2020-01-10', contactOn: null },
    { start: '2020-04-01', end: '9999-12-31', anchorOn: '2020-03-01', contactOn: '2020-03-01' },
  ])
})

test('a household is on file at exactly the instants one of its spells on file holds', () => {
  fc.assert(
    fc.property(history, fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }), (h, shuffles) => {
      // Entries out of time order too (ties are taken in order, the rest by time).
      const mixed = [...h]
      for (const s of shuffles) if (mixed.length > 1) mixed.push(mixed.splice(s % mixed.length, 1)[0])
      const spells = filedSpells(mixed)
      const instants = [...new Set(mixed.flatMap((e) => [Date.parse(e.at) - 1, Date.parse(e.at), Date.parse(e.at) + 1]))]
      for (const ms of [...instants, Date.parse('2019-01-01T00:00:00.000Z'), Date.parse('2030-01-01T00:00:00.000Z')]) {
        const at = new Date(ms).toISOString()
        expect({ at, filed: spells.some((s) => filedHolds(s, at)) }).toEqual({ at, filed: householdStatusAt(mixed, ms) === 'filed' })
      }
    }),
    { numRuns: 150 },
  )
})
