/** Calendar facts in Asia/Shanghai (UTC+8, no daylight saving) for a given instant. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()
}

/** The calendar date (`YYYY-MM-DD`) of an instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
