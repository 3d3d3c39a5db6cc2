/**
 * Calendar dates (`YYYY-MM-DD`) as people in Asia/Shanghai (UTC+8, no daylight saving) read them,
 * and the UTC instants where those days begin and end. Pure arithmetic, no clock.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 86_400_000

/** The shape of a calendar date; {@link isCalendarDate} also checks that the day exists. */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** A calendar date as text, `YYYY-MM-DD`. */
export type CalendarDate = string

function parts(date: CalendarDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A calendar date as people write it: `1972-03-15` -> `1972年3月15日`; other text unchanged. */
export function chineseDate(date: CalendarDate): string {
  if (!DATE_PATTERN.test(date)) return date
  const [y, m, d] = parts(date)
  return `${y}年${m}月${d}日`
}

/** Whether `text` is `YYYY-MM-DD` and names a day that exists (no 2021-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false
  const [y, m, d] = parts(text)
  return fromUtcMs(Date.UTC(y, m - 1, d)) === text
}

/** The Asia/Shanghai date of an instant (an ISO-8601 string, epoch milliseconds or a Date). */
export function shanghaiDateOf(at: string | number | Date): CalendarDate {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime()
  return fromUtcMs(ms + SHANGHAI_OFFSET_MS)
}

/** The instant (epoch ms) at which `date` begins in Asia/Shanghai. */
export function shanghaiDayStartMs(date: CalendarDate): number {
  const [y, m, d] = parts(date)
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS
}

/** The instant (epoch ms) just after `date` ends in Asia/Shanghai: the start of the next day. */
export function shanghaiDayEndMs(date: CalendarDate): number {
  return shanghaiDayStartMs(date) + DAY_MS
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parts(date)
  return fromUtcMs(Date.UTC(y, m - 1, d + days))
}

/** `date` moved forward by `days` working days (Monday to Friday; public holidays are not known here). */
export function addWorkingDays(date: CalendarDate, days: number): CalendarDate {
  let d = date
  for (let left = days; left > 0; ) {
    d = addDays(d, 1)
    const [y, m, day] = parts(d)
    const weekday = new Date(Date.UTC(y, m - 1, day)).getUTCDay()
    if (weekday !== 0 && weekday !== 6) left--
  }
  return d
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  const [ya, ma, da] = parts(a)
  const [yb, mb, db] = parts(b)
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS)
}

/** The last day of the month `date` falls in. */
export function monthEnd(date: CalendarDate): CalendarDate {
  const [y, m] = parts(date)
  return fromUtcMs(Date.UTC(y, m, 0))
}

/**
 * One date per month touched by `[from, to]`: the month's last day, or `to` itself in the last
 * month when `to` is not a month end. Empty when `to` is before `from`.
 */
export function monthEndsBetween(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = []
  if (to < from) return out
  for (let end = monthEnd(from); ; end = monthEnd(addDays(end, 1))) {
    if (end >= to) {
      out.push(to)
      return out
    }
    out.push(end)
  }
}
