import { shanghaiDateOf, type CalendarDate } from '@/domain/calendar'
import { formatMoney } from '@/text/format'

/** Words and numbers of the household pages and the dashboard, from codes and fen. */

/** A code list entry: its code and the label people read. */
export interface Labelled {
  readonly code: string
  readonly label: string
}

/** The label of `code` in `list`, or the code itself when unknown. */
export function labelOf(list: readonly Labelled[], code: string): string {
  return list.find((x) => x.code === code)?.label ?? code
}

/** Today in Asia/Shanghai, `YYYY-MM-DD`. */
export function todayShanghai(now: Date = new Date()): CalendarDate {
  return shanghaiDateOf(now)
}

/** Ten thousand yuan in fen. */
const WAN_FEN = 1_000_000

/**
 * Money as a person reads it at a glance: `423.9万元` from ten thousand yuan up (at most two
 * decimals), below that `formatMoney`'s `8,500 元`.
 */
export function formatMoneyShort(fen: number): string {
  if (Math.abs(fen) < WAN_FEN) return formatMoney(fen)
  const wan = Math.round(fen / 100) / 10_000
  return `${Number(wan.toFixed(2))}万元`
}

/** A count with thousands separators: `5,486`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
