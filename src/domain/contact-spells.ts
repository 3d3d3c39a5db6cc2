import { addDays, shanghaiDateOf, shanghaiDayEndMs, type CalendarDate } from './calendar'
import { contactDue, householdStatusAt, lastFiledOn, type StatusEvent } from './household'

/**
 * When a household is overdue for contact, as spells of days kept with it, so that "overdue at the
 * end of day T" is a count of two index ranges (spells started by T minus spells ended by T) instead
 * of a replay of every household's history. Derived from the status history, the contact days and
 * the overdue days of its policy; `overdueSpells` agrees with the reference (`contactDue` at T)
 * for every T.
 */

/** The end of a spell that has not ended. */
export const OPEN_END: CalendarDate = '9999-12-31'

/** Days [start, end) at whose end the household is overdue, with what the days are counted from. */
export interface OverdueSpell {
  start: CalendarDate
  /** Exclusive; OPEN_END while it lasts. */
  end: CalendarDate
  /** The day the days without contact are counted from: the last contact, else the filing. */
  anchorOn: CalendarDate
  /** The last contact, null when counted from the filing. */
  contactOn: CalendarDate | null
}

const isStatus = (e: StatusEvent) => e.kind === 'filed' || e.kind === 'refiled' || e.kind === 'deregistered'

/** The state at the end of day `t`: null when not on file, else what the overdue days count from. */
function stateAt(history: readonly StatusEvent[], contacts: readonly { on: CalendarDate }[], t: CalendarDate, days: number): { anchorOn: CalendarDate; contactOn: CalendarDate | null } | null {
  const endMs = shanghaiDayEndMs(t)
  if (householdStatusAt(history, endMs) !== 'filed') return null
  const filedOn = lastFiledOn(history.filter((e) => Date.parse(e.at) < endMs))!
  const due = contactDue(contacts, filedOn, t, days)
  return { anchorOn: due.lastContactOn ?? filedOn, contactOn: due.lastContactOn }
}

/**
 * The household's overdue spells, oldest first. Between two days on which something happened (a
 * status change or a contact) the state is the same, so it is taken at each such day and the
 * spell of that stretch starts `days + 1` after its anchor.
 */
export function overdueSpells(history: readonly StatusEvent[], contactDays: readonly CalendarDate[], days: number): OverdueSpell[] {
  const statusEvents = history.filter(isStatus)
  const contacts = contactDays.map((on) => ({ on }))
  const breaks = [...new Set([...statusEvents.map((e) => shanghaiDateOf(e.at)), ...contactDays])].sort()
  const out: OverdueSpell[] = []
  breaks.forEach((b, i) => {
    const state = stateAt(statusEvents, contacts, b, days)
    if (!state) return
    const next = breaks[i + 1] ?? OPEN_END
    const due = addDays(state.anchorOn, days + 1)
    const start = due > b ? due : b
    if (start >= next) return
    const last = out.at(-1)
    if (last && last.end === start && last.anchorOn === state.anchorOn && last.contactOn === state.contactOn) last.end = next
    else out.push({ start, end: next, ...state })
  })
  return out
}

/** Whether a spell holds the end of day `t`. */
export const spellHolds = (s: Pick<OverdueSpell, 'start' | 'end'>, t: CalendarDate) => s.start <= t && t < s.end

/** Instants (ISO-8601 UTC) (start, end] at which the household is on file: `householdStatusAt(history, ms)` is 'filed' exactly for start < ms <= end. */
export interface FiledSpell {
  start: string
  /** OPEN_END while it lasts. */
  end: string
}

/**
 * The household's spells on file, oldest first: what "on file at an instant" (a campaign's scope)
 * counts, as started-before minus ended-before. Entries at the same instant are taken in order.
 */
export function filedSpells(history: readonly StatusEvent[]): FiledSpell[] {
  const timed = history.filter(isStatus).map((e, i) => ({ ms: Date.parse(e.at), i, filed: e.kind !== 'deregistered' }))
  timed.sort((a, b) => a.ms - b.ms || a.i - b.i)
  const out: FiledSpell[] = []
  let since: number | null = null
  for (let k = 0; k < timed.length; k++) {
    if (k + 1 < timed.length && timed[k + 1].ms === timed[k].ms) continue
    const { ms, filed } = timed[k]
    if (filed && since === null) since = ms
    else if (!filed && since !== null) {
      if (ms > since) out.push({ start: new Date(since).toISOString(), end: new Date(ms).toISOString() })
      since = null
    }
  }
  if (since !== null) out.push({ start: new Date(since).toISOString(), end: OPEN_END })
  return out
}

/** Whether a spell on file holds the instant `at` (ISO-8601 UTC). */
export const filedHolds = (s: FiledSpell, at: string) => s.start < at && at <= s.end
