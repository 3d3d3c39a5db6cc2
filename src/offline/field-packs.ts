import Taro from '@tarojs/taro'
import { formatMonthDayTime } from '@/text/format'

/**
 * Records kept on the phone before a field trip, so a case or household never opened with signal
 * can still be visited or checked without one: the few due next, masked values only, read again
 * whenever the list shows with signal, and dropped after PACK_HOURS or when the server no longer
 * gives them to this person. A lost phone gives away little, and not for long.
 */

/** Kept records older than this are not shown (and are removed). */
export const PACK_HOURS = 72

const PREFIX = 'lantian.pack.v1'

/** What one list keeps: the records as the server gave them, and when it read them. */
export interface FieldPack<T> {
  /** ISO-8601 UTC: when the server read them. */
  at: string
  items: T[]
}

const expired = (at: string, now: number) => !(Date.parse(at) + PACK_HOURS * 3600_000 > now)

/** Keeps a list's records (written at once, replacing what was kept for it). */
export function writePack<T>(key: string, pack: FieldPack<T>): void {
  try {
    Taro.setStorageSync(`${PREFIX}.${key}`, pack)
  } catch {
    // Storage full: the visit can still be made on cases opened with signal.
  }
}

/** The records kept for a list, or null when none are kept or they are too old (then removed). */
export function readPack<T>(key: string, now = Date.now()): FieldPack<T> | null {
  try {
    const pack = Taro.getStorageSync(`${PREFIX}.${key}`) as FieldPack<T> | ''
    if (!pack || typeof pack !== 'object' || !Array.isArray(pack.items)) return null
    if (!expired(pack.at, now)) return pack
    Taro.removeStorageSync(`${PREFIX}.${key}`)
  } catch {
    // Nothing kept.
  }
  return null
}

/** Removes what a list kept (the server refused this person the records). */
export function dropPack(key: string): void {
  try {
    Taro.removeStorageSync(`${PREFIX}.${key}`)
  } catch {
    // Nothing kept.
  }
}

/** The words on a page shown from kept records: 离线资料（3月1日 09:30）. */
export const packLabel = (at: string) => `离线资料（${formatMonthDayTime(at)}）`
