import { AppError } from '../../../src/domain'

/** What a client is told when a cursor is not one the server gave for this list. */
export const BAD_CURSOR = '翻页位置已失效，请回到第一页重新加载'

/** A cursor the client passes back unread: where the next page of a list starts, as base64url JSON. */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
}

/**
 * The position a cursor holds, when it is one `accept` recognises (the same list, the same filter);
 * else VALIDATION on `cursor`. No cursor: null (the first page).
 */
export function decodeCursor<T>(cursor: string | undefined, accept: (value: unknown) => value is T): T | null {
  if (cursor === undefined || cursor === '') return null
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new AppError('VALIDATION', BAD_CURSOR, 'cursor')
  }
  if (!accept(value)) throw new AppError('VALIDATION', BAD_CURSOR, 'cursor')
  return value
}

/** True when `value` is an object whose listed keys hold strings (or, for `nullable`, null). */
export function hasStrings(value: unknown, keys: readonly string[], nullable: readonly string[] = []): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const rec = value as Record<string, unknown>
  return keys.every((k) => typeof rec[k] === 'string' || (nullable.includes(k) && rec[k] === null))
}
