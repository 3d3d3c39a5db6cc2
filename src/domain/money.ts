/** Money is integer fen (分) everywhere; people type and read yuan (元). */

/** The largest amount a form accepts: 100 million yuan, in fen. */
export const MAX_FEN = 100_000_000 * 100

/** `'1234.5'` -> 123450; null for anything that is not a non-negative yuan amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/[,，\s]/g, '')
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

/** 123450 -> `'1234.5'`: what a form field shows for a stored amount. */
export function fenToYuanText(fen: number): string {
  const yuan = Math.trunc(fen / 100)
  const cents = Math.abs(fen % 100)
  if (cents === 0) return String(yuan)
  return `${fen < 0 && yuan === 0 ? '-' : ''}${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/**
 * Money as every page and message shows it: thousands separated, 元 after, cents only when there
 * are any: 3600000 -> `'36,000 元'`, 123450 -> `'1,234.50 元'`.
 */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = abs % 100
  return `${sign}${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''} 元`
}
