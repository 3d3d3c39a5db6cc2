/** A distance as a worker reads it: `850 米` under a kilometre, `2.3 公里` up to 100, then whole kilometres. */
export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return ''
  const tens = Math.round(metres / 10) * 10
  if (tens < 1000) return `${Math.max(1, tens)} 米`
  const km = metres / 1000
  return km < 100 ? `${(Math.round(km * 10) / 10).toFixed(1)} 公里` : `${Math.round(km)} 公里`
}
