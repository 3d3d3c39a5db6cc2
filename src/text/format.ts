import { chineseDate, DATE_PATTERN, shanghaiDateOf } from '@/domain/calendar'
import { formatFen } from '@/domain/money'

/**
 * The one way every page shows dates and money (Chinese dates in Asia/Shanghai, money with 元 and
 * thousands separators), so no page writes its own.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/**
 * A calendar date (`1972-03-15`) or an ISO-8601 instant as its Asia/Shanghai date, e.g.
 * `1972年3月15日`; '' for a value that is not a date.
 */
export function formatDate(value: string): string {
  if (DATE_PATTERN.test(value)) return chineseDate(value)
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? '' : chineseDate(shanghaiDateOf(ms))
}

/** An ISO-8601 instant in Asia/Shanghai, e.g. `2026年3月1日 09:30`; '' for a value that is not a date. */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  // Shanghai has had a fixed +08:00 offset since 1991: no time-zone database needed.
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString()
  return `${chineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`
}

/** An ISO-8601 instant in Asia/Shanghai without the year, e.g. `3月1日 09:30` (when kept data was read); '' for a value that is not a date. */
export function formatMonthDayTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString()
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`
}

/** Money in fen as pages show it: `36,000 元`, `1,234.50 元`. */
export const formatMoney = formatFen

/** A limit per person and month, e.g. the 低保 line: `780 元/人/月`. */
export const formatMonthlyPerPerson = (fen: number): string => `${formatFen(fen)}/人/月`

/** A calendar date's month, e.g. `2015年1月` (a chart's axis). */
export const formatMonth = (date: string): string => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`
