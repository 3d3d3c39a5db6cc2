/**
 * Random histories for the maintained figures: households filed, deregistered and refiled (some on
 * the same instant, some across Shanghai's midnight), payments recorded, approved, rejected and
 * reversed, as the ordered writes a store would see. Seeded, so a failure replays.
 */
import { addDays, type CalendarDate } from '../../src/domain/calendar'
import type { HouseholdEvent } from '../../src/domain/household'
import { FUND_SOURCE_CODES } from '../../src/domain/household-codes'
import { decideEntry, makePayment, makeReversal, type DisbursementEntry } from '../../src/domain/ledger'
import type { HouseholdRecord } from '../../server/ports'
import { householdRecord } from './household-records'
import { computeDashboard, type DashboardHousehold, type DateRange } from '../../src/domain/dashboard'
import type { RowFigures } from '../../src/domain/figures'
import { prng } from '../../server/local/prng'

/** One write, in the order the store receives them. */
export type FigureStep =
  | { kind: 'insert'; household: HouseholdRecord }
  | { kind: 'update'; household: HouseholdRecord; expectedVersion: number }
  | { kind: 'append'; entry: DisbursementEntry }
  | { kind: 'decide'; entry: DisbursementEntry }

const START: CalendarDate = '2019-01-01'
const caseworker = { openid: 'o-cw', name: '李娟' }
const reviewer = { openid: 'o-rv', name: '赵强' }

/** Steps for `count` households spread over `unitIds`, and the final records (for the reference). */
export function figureHistories(seed: number, count: number, unitIds: readonly string[]): { steps: FigureStep[]; households: HouseholdRecord[]; entries: DisbursementEntry[] } {
  const rnd = prng(seed)
  const int = (n: number) => Math.floor(rnd() * n)
  const day = () => addDays(START, int(3 * 365))
  // Half of the instants sit near 16:00 UTC, Shanghai's midnight.
  const instant = (date: CalendarDate) => (rnd() < 0.5 ? `${date}T${String(int(24)).padStart(2, '0')}:00:00.000Z` : `${date}T15:59:59.999Z`)
  const steps: FigureStep[] = []
  const households: HouseholdRecord[] = []
  const entries: DisbursementEntry[] = []
  for (let k = 0; k < count; k++) {
    const id = `fh${seed}-${k}`
    const unitId = unitIds[int(unitIds.length)]
    let at = instant(day())
    const event = (kind: 'filed' | 'refiled' | 'deregistered', when: string, n: number): HouseholdEvent =>
      kind === 'deregistered'
        ? { id: `${id}-e${n}`, at: when, by: 'o-rv', byName: '赵强', kind, reason: 'stable-employment', text: '', note: '' }
        : { id: `${id}-e${n}`, at: when, by: 'o-rv', byName: '赵强', kind, applicationId: null, category: 'deep' }
    let rec = householdRecord(id, { unitId, history: [event('filed', at, 0)], filedAt: at, lastContactOn: null })
    steps.push({ kind: 'insert', household: rec })
    const changes = int(4)
    for (let c = 1; c <= changes; c++) {
      // Sometimes the same instant as the last change (ties are taken in order).
      at = rnd() < 0.15 ? at : instant(addDays(at.slice(0, 10), 1 + int(300)))
      const kind = c % 2 === 1 ? 'deregistered' : 'refiled'
      const next: HouseholdRecord = { ...rec, history: [...rec.history, event(kind, at, c)], status: kind === 'deregistered' ? 'deregistered' : 'filed', version: rec.version + 1 }
      steps.push({ kind: 'update', household: next, expectedVersion: rec.version })
      rec = next
    }
    households.push(rec)
    const mine: DisbursementEntry[] = []
    for (let p = 0, n = int(6); p < n; p++) {
      const paidOn = day()
      const pending = makePayment(
        { householdId: id, unitId, amountFen: 5000 * (1 + int(20)), fundSource: FUND_SOURCE_CODES[int(FUND_SOURCE_CODES.length)], measureId: null, paidOn, payeeAccountMasked: '', note: '' },
        { id: `${id}-p${p}`, by: caseworker, at: `${paidOn}T02:00:00.000Z`, budgetId: null },
      )
      steps.push({ kind: 'append', entry: pending })
      let entry: DisbursementEntry = pending
      const fate = rnd()
      if (fate < 0.85) {
        const d = decideEntry(pending, { status: fate < 0.75 ? 'approved' : 'rejected', by: reviewer, at: pending.createdAt, note: fate < 0.75 ? '' : '金额有误' })
        if (!d.ok) throw new Error(d.message)
        entry = d.value
        steps.push({ kind: 'decide', entry })
      }
      mine.push(entry)
      if (entry.status === 'approved' && rnd() < 0.3) {
        const r = makeReversal(entry, mine, { id: `${id}-r${p}`, householdId: id, reason: '重复录入', by: caseworker, at: entry.createdAt })
        if (!r.ok) throw new Error(r.message)
        steps.push({ kind: 'append', entry: r.value })
        let reversal: DisbursementEntry = r.value
        if (rnd() < 0.8) {
          const d = decideEntry(reversal, { status: 'approved', by: reviewer, at: reversal.createdAt, note: '' })
          if (!d.ok) throw new Error(d.message)
          reversal = d.value
          steps.push({ kind: 'decide', entry: reversal })
        }
        mine.push(reversal)
      }
    }
    entries.push(...mine)
  }
  return { steps, households, entries }
}

/** Random ranges over the histories' years (and before and after them), a day to several years long. */
export function figureRanges(seed: number, count: number): { from: CalendarDate; to: CalendarDate }[] {
  const rnd = prng(seed)
  return Array.from({ length: count }, () => {
    const from = addDays('2018-06-01', Math.floor(rnd() * 5 * 365))
    const to = addDays(from, rnd() < 0.2 ? 0 : Math.floor(rnd() * 4 * 365))
    return { from, to }
  })
}

/** The reference's figures that the kept rows carry, over households and entries already limited to a subtree. */
export function referenceRowFigures(households: readonly DashboardHousehold[], entries: readonly DisbursementEntry[], range: DateRange): RowFigures {
  const d = computeDashboard({ households, disbursements: entries, applications: [], stations: [], campaigns: [], checkRecords: [], contacts: [], contactOverdueDays: 30 }, range)
  const { onFileAtStart, onFileNow, onFileSeries, filedInPeriod, deregisteredInPeriod, fundsBySource, fundsTotalFen, personTimes, householdsAided } = d
  return { onFileAtStart, onFileNow, onFileSeries, filedInPeriod, deregisteredInPeriod, fundsBySource, fundsTotalFen, personTimes, householdsAided }
}
