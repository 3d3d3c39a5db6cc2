import { monthEndsBetween, shanghaiDateOf, type CalendarDate } from './calendar'
import type { Dashboard, DateRange } from './dashboard'
import { householdStatusAt, type StatusEvent } from './household'
import { FUND_SOURCE_CODES, type FundSource } from './household-codes'
import { counts, type DisbursementEntry } from './ledger'

/**
 * The dashboard's additive figures kept per unit and month, so a view reads a unit's month rows
 * (a few hundred at most: one per month of its history) instead of every record of its subtree.
 *
 * A household contributes cells to the months of its events and payments; its unit's row and
 * every ancestor's row hold the sum over the subtree. Cells of a month row (`dd` is the day):
 * - `o<dd>`: change of the on-file count at the day's status events (+1 filed, -1 deregistered);
 * - `f<dd>`, `x<dd>`: filings (and refilings), deregistrations dated that day;
 * - `p<dd>`: approved payments not reversed by an approved reversal (person-times);
 * - `s<k>_<dd>`: net approved fen of fund source k (FUND_SOURCE_CODES order);
 * - `j<YYYYMM>`, `i<YYYYMM>_<dd>`, `n<dd>_<YYYYMM>` and `n<dd>_<dd>`: consecutive payments of one
 *   household (previous, next) counted in the next's month by the previous's month, in the next's
 *   arrivals row (`arrivalsMonth`) also by its day, in the previous's pairs row (`pairsMonth`) by
 *   the previous's day and the next's month, and in the row of the two months (`pairsBetween`) by
 *   both days. Households aided in a range (a distinct count, not additive) are payments in it
 *   minus the pairs lying wholly in it, and those pairs are counted from these cells exactly.
 *   Every row is bounded by the calendar, not by the number of households: a pairs row holds at
 *   most 31 cells per month of history, a row of two months at most 31 x 31 (a pairs row keyed by
 *   the next's full date grew with the data, and every ledger write rewrote it: BENCHMARKS.md,
 *   h14-scale-build).
 * `computeDashboard` stays the reference; tests hold the two equal on random histories.
 */

/** Cell name -> value, of one month of one unit. */
export type Cells = Record<string, number>
/** Month (`YYYY-MM`) -> cells. */
export type MonthCells = Record<string, Cells>
/** Unit id -> month -> cells: one household's part of the figures, before rolling up to ancestors. */
export type Contribution = Record<string, MonthCells>
/** One month row of a unit (its whole subtree). */
export interface MonthRow {
  month: string
  cells: Cells
}

const monthOf = (date: CalendarDate) => date.slice(0, 7)
const dayOf = (date: CalendarDate) => date.slice(8, 10)
const compact = (date: string) => date.replace(/-/g, '')
/**
 * The row of the pairs leaving a month (`p<YYYY-MM>`): only the range's first month's is read, so
 * they live apart from the month rows every view reads (they grow with the data; those do not).
 * It sorts after every month, so a read of months up to one never takes it.
 */
export const pairsMonth = (date: CalendarDate) => `p${monthOf(date)}`
/** A bound that sorts after every row's name (months, and the `p`, `q` and `r` rows): a read of the rows up to it takes them all. */
export const ALL_ROWS = '~'
/** The row of the pairs leaving `prev`'s month and arriving in `next`'s (`r<YYYY-MM>_<YYYY-MM>`), by both days: only the range's first and last months' is read. */
export const pairsBetween = (prev: CalendarDate, next: CalendarDate) => `r${monthOf(prev)}_${monthOf(next)}`
/** Likewise the row of the pairs arriving in a month by day (`q<YYYY-MM>`): only the range's last month's is read. */
export const arrivalsMonth = (date: CalendarDate) => `q${monthOf(date)}`

function addCell(into: Contribution, unitId: string, month: string, cell: string, n: number): void {
  if (n === 0) return
  const months = (into[unitId] ??= {})
  const cells = (months[month] ??= {})
  const v = (cells[cell] ?? 0) + n
  if (v !== 0) {
    cells[cell] = v
    return
  }
  // Only a cell that reached zero can leave its month, and the month its unit, empty.
  delete cells[cell]
  if (Object.keys(cells).length === 0) delete months[month]
  if (Object.keys(months).length === 0) delete into[unitId]
}

const atDay = (into: Contribution, unitId: string, date: CalendarDate, prefix: string, n: number) => addCell(into, unitId, monthOf(date), `${prefix}${dayOf(date)}`, n)

function addHistory(into: Contribution, unitId: string, history: readonly StatusEvent[]): void {
  const changing = history.filter((e) => e.kind === 'filed' || e.kind === 'refiled' || e.kind === 'deregistered')
  const atOf = new Map<number, string>()
  for (const e of changing) if (!atOf.has(Date.parse(e.at))) atOf.set(Date.parse(e.at), e.at)
  let before = false
  // The on-file count changes only at a status event's instant: compare the status just after it with the one before.
  for (const ms of [...atOf.keys()].sort((a, b) => a - b)) {
    const after = householdStatusAt(changing, ms + 1) === 'filed'
    if (after !== before) atDay(into, unitId, shanghaiDateOf(atOf.get(ms)!), 'o', after ? 1 : -1)
    before = after
  }
  for (const e of changing) atDay(into, unitId, shanghaiDateOf(e.at), e.kind === 'deregistered' ? 'x' : 'f', 1)
}

function addLedger(into: Contribution, unitId: string, entries: readonly DisbursementEntry[]): void {
  const approved = entries.filter(counts)
  for (const e of approved) atDay(into, unitId, e.paidOn, `s${FUND_SOURCE_CODES.indexOf(e.fundSource)}_`, e.amountFen)
  const reversed = new Set(approved.map((e) => e.reversesId).filter((id): id is string => id !== null))
  const paid = approved
    .filter((e) => e.kind === 'payment' && !reversed.has(e.id))
    .sort((a, b) => (a.paidOn === b.paidOn ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.paidOn < b.paidOn ? -1 : 1))
  paid.forEach((p, i) => {
    atDay(into, unitId, p.paidOn, 'p', 1)
    if (i === 0) return
    const prev = paid[i - 1].paidOn
    addCell(into, unitId, monthOf(p.paidOn), `j${compact(monthOf(prev))}`, 1)
    addCell(into, unitId, arrivalsMonth(p.paidOn), `i${compact(monthOf(prev))}_${dayOf(p.paidOn)}`, 1)
    addCell(into, unitId, pairsMonth(prev), `n${dayOf(prev)}_${compact(monthOf(p.paidOn))}`, 1)
    addCell(into, unitId, pairsBetween(prev, p.paidOn), `n${dayOf(prev)}_${dayOf(p.paidOn)}`, 1)
  })
}

/**
 * One household's contribution: its status history under its unit, its ledger entries under
 * each entry's unit (the dashboard takes entries by their own unit, as the reference does).
 */
export function householdContribution(household: { unitId: string; history: readonly StatusEvent[] }, entries: readonly DisbursementEntry[]): Contribution {
  const out: Contribution = {}
  addHistory(out, household.unitId, household.history)
  const byUnit = new Map<string, DisbursementEntry[]>()
  for (const e of entries) byUnit.set(e.unitId, [...(byUnit.get(e.unitId) ?? []), e])
  for (const [unitId, list] of byUnit) addLedger(out, unitId, list)
  return out
}

/** `after - before`, cell by cell, without zeros. */
export function contributionDelta(before: Contribution, after: Contribution): Contribution {
  const out: Contribution = {}
  const each = (c: Contribution, sign: number) => {
    for (const [unitId, months] of Object.entries(c))
      for (const [month, cells] of Object.entries(months)) for (const [cell, n] of Object.entries(cells)) addCell(out, unitId, month, cell, sign * n)
  }
  each(after, 1)
  each(before, -1)
  return out
}

/** Adds `delta` into `rows` (keyed `<unitId>|<month>`) for each unit and every ancestor of it (`pathOf` gives root..unit). */
export function rollUp(delta: Contribution, pathOf: (unitId: string) => readonly string[], rows: Map<string, Cells> = new Map()): Map<string, Cells> {
  for (const [unitId, months] of Object.entries(delta))
    for (const ancestor of pathOf(unitId))
      for (const [month, cells] of Object.entries(months)) {
        const key = `${ancestor}|${month}`
        rows.set(key, addCells(rows.get(key) ?? {}, cells))
      }
  return rows
}

/** Adds cells into a row, dropping cells that reach zero. */
export function addCells(row: Cells, cells: Cells): Cells {
  for (const [cell, n] of Object.entries(cells)) {
    const v = (row[cell] ?? 0) + n
    if (v === 0) delete row[cell]
    else row[cell] = v
  }
  return row
}

/** The figures the rows carry. */
export type RowFigures = Pick<
  Dashboard,
  'onFileAtStart' | 'onFileNow' | 'onFileSeries' | 'filedInPeriod' | 'deregisteredInPeriod' | 'fundsBySource' | 'fundsTotalFen' | 'personTimes' | 'householdsAided'
>

/** The rows a view of `range` reads besides the months up to its last: the first month's pairs, those of the first and the last month, the last month's arrivals. */
export const extraRows = (range: DateRange): string[] => [pairsMonth(range.from), pairsBetween(range.from, range.to), arrivalsMonth(range.to)]

/** The figures of `range` from a unit's month rows up to the range's last month and its `extraRows` (any order). */
export function figuresFromRows(rows: readonly MonthRow[], range: DateRange): RowFigures {
  const { from, to } = range
  const m1 = compact(monthOf(from))
  const firstPairs = pairsMonth(from)
  const endsPairs = pairsBetween(from, to)
  const lastMonth = compact(monthOf(to))
  const lastArrivals = arrivalsMonth(to)
  const [fromMonth, toMonth] = [monthOf(from), monthOf(to)]
  const fundsBySource = Object.fromEntries(FUND_SOURCE_CODES.map((s) => [s, 0])) as Record<FundSource, number>
  const onFileChanges: { date: CalendarDate; n: number }[] = []
  let filed = 0
  let deregistered = 0
  let personTimes = 0
  let pairsInside = 0
  for (const { month, cells } of rows) {
    if (month === firstPairs)
      for (const [cell, n] of Object.entries(cells)) {
        // A pair leaving the range's first month: inside when it starts on `from` or later and ends in a month before the last.
        const [dd, nextMonth] = cell.slice(1).split('_')
        if (`${month.slice(1)}-${dd}` >= from && nextMonth < lastMonth) pairsInside += n
      }
    if (month === endsPairs)
      for (const [cell, n] of Object.entries(cells)) {
        // A pair leaving the range's first month for its last: inside when it starts on `from` or later and ends by `to`.
        const [dd, nextDay] = cell.slice(1).split('_')
        if (`${fromMonth}-${dd}` >= from && `${toMonth}-${nextDay}` <= to) pairsInside += n
      }
    if (month === lastArrivals && toMonth > fromMonth)
      for (const [cell, n] of Object.entries(cells)) {
        // A pair arriving in the range's last month by `to` from a month after the first: inside.
        if (cell.slice(1, 7) > m1 && `${month.slice(1)}-${cell.slice(-2)}` <= to) pairsInside += n
      }
    if (month[0] === 'p' || month[0] === 'q' || month[0] === 'r') continue
    // Pairs arriving in a month strictly between the first and the last, from a month after the first: inside.
    const between = month > fromMonth && month < toMonth
    for (const [cell, n] of Object.entries(cells)) {
      const kind = cell[0]
      if (kind === 'j') {
        if (between && cell.slice(1) > m1) pairsInside += n
        continue
      }
      const date = `${month}-${cell.slice(-2)}`
      if (kind === 'o') onFileChanges.push({ date, n })
      if (date < from || date > to) continue
      if (kind === 'f') filed += n
      else if (kind === 'x') deregistered += n
      else if (kind === 'p') personTimes += n
      else if (kind === 's') fundsBySource[FUND_SOURCE_CODES[Number(cell.slice(1, cell.indexOf('_')))]] += n
    }
  }
  onFileChanges.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const sums: number[] = []
  onFileChanges.forEach((c, i) => sums.push((sums[i - 1] ?? 0) + c.n))
  /** The on-file count after the changes dated before `date` (and on it, when `inclusive`). */
  const onFileBy = (date: CalendarDate, inclusive: boolean) => {
    let lo = 0
    let hi = onFileChanges.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const d = onFileChanges[mid].date
      if (d < date || (inclusive && d === date)) lo = mid + 1
      else hi = mid
    }
    return lo === 0 ? 0 : sums[lo - 1]
  }
  return {
    onFileAtStart: onFileBy(from, false),
    onFileNow: onFileBy(to, true),
    onFileSeries: monthEndsBetween(from, to).map((date) => ({ date, count: onFileBy(date, true) })),
    filedInPeriod: filed,
    deregisteredInPeriod: deregistered,
    fundsBySource,
    fundsTotalFen: Object.values(fundsBySource).reduce((a, b) => a + b, 0),
    personTimes,
    householdsAided: personTimes - pairsInside,
  }
}
