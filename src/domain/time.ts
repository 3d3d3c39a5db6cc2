/** Calendar facts in Asia/Shanghai (UTC+8, no daylight saving) for a given instant. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()
}
