import { addDays, daysBetween, type CalendarDate } from '../../../src/domain/calendar'
import { pairedCadres, type ContactEntry, type HouseholdEvent } from '../../../src/domain/household'
import type { LedgerActor } from '../../../src/domain/ledger'
import { prng, randomInt } from '../prng'
import { demoContacts } from './demo-contacts'
import type { DemoLedger } from './demo-ledger'
import { atShanghai } from './demo-time'
import { DEMO_PERIOD } from './seed-figures'

/**
 * The demo as it stands today: Mile's history (2015 to August 2020, the report's figures) stays as
 * generated; the households still on file carry on to `today`. Each is paired with its township's
 * cadre, and the cadres keep visiting and calling every 40-85 days, so the lists show contacts of
 * the last weeks; the few households whose contacts stopped in 2020 are overdue by days or weeks
 * now (their last contact 95-130 days ago), not by years.
 */

/** How many days before `today` an overdue household was last contacted, at least and at most. */
export const OVERDUE_SINCE_DAYS = [95, 130] as const

/** The cadre of a household's township (`unitPath[1]`), or the history's one when the township has none. */
function cadreOf(unitPath: readonly string[], cadres: ReadonlyMap<string, LedgerActor>): LedgerActor | undefined {
  return cadres.get(unitPath[1] ?? '') ?? cadres.get(unitPath[unitPath.length - 1] ?? '')
}

/** The history with its cadre pairing given to `cadre` (the pairing stays dated at filing). */
function repaired(history: readonly HouseholdEvent[], cadre: LedgerActor): HouseholdEvent[] {
  return history.map((e) => (e.kind === 'cadre-assigned' ? { ...e, cadre: { openid: cadre.openid, name: cadre.name } } : e))
}

/**
 * `demo` brought to `today`: cadres by township (`cadres`: unit id -> cadre), and contacts of the
 * households on file up to today. Payments, statuses and the campaign are untouched, so the
 * report's figures still hold over its period.
 */
export function demoToday(demo: DemoLedger, today: CalendarDate, cadres: ReadonlyMap<string, LedgerActor>, seed: number): DemoLedger {
  if (today <= DEMO_PERIOD.to) return demo
  const random = prng(seed)
  const byHousehold = new Map<string, ContactEntry[]>()
  for (const c of demo.contacts) byHousehold.set(c.householdId, [...(byHousehold.get(c.householdId) ?? []), c])
  const added: ContactEntry[] = []
  const households = demo.households.map((h) => {
    const cadre = cadreOf(h.unitPath, cadres)
    const history = cadre ? repaired(h.history, cadre) : h.history
    const next = { ...h, history, cadres: pairedCadres(history) }
    if (h.status !== 'filed') return next
    const own = byHousehold.get(h.id) ?? []
    const last = own.reduce<CalendarDate>((max, c) => (c.on > max ? c.on : max), DEMO_PERIOD.from)
    // Contacts that stopped before the period's end mark the households overdue: they stay overdue, by weeks now.
    const stopped = daysBetween(last, DEMO_PERIOD.to) > 85
    const lastOn = stopped ? addDays(today, -randomInt(random, OVERDUE_SINCE_DAYS[0], OVERDUE_SINCE_DAYS[1])) : addDays(today, -randomInt(random, 0, 30))
    const by = cadre ?? { openid: own[0]?.by ?? '', name: own[0]?.byName ?? '' }
    const more = demoContacts(random, { ...next, history: [{ ...history[0], at: `${addDays(last, 1)}T00:00:00.000Z` }] }, null, lastOn, by).filter((c) => c.on > last)
    // The latest contact falls on `lastOn` itself, so the overdue ones are overdue and the rest are not.
    const tail = more.at(-1) ?? own.at(-1)
    if (tail && tail.on !== lastOn) more.push({ ...tail, on: lastOn, createdAt: atShanghai(lastOn, 18) })
    added.push(...more.map((c, i) => ({ ...c, id: `${h.id}-c${own.length + i + 1}`, householdId: h.id })))
    return next
  })
  const cadreName = new Map(households.map((h) => [h.id, h.cadres[0]]))
  const contacts = [...demo.contacts, ...added].map((c) => {
    const cadre = cadreName.get(c.householdId)
    return cadre ? { ...c, by: cadre.openid, byName: cadre.name } : c
  })
  return { ...demo, households, contacts }
}
