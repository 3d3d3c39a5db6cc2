import type { TimeRange } from '@/domain/opening-hours'
import type { Station } from '@/domain/station'
import { AID_LEVELS, labelOf, STATION_KINDS } from '@/domain/station-codes'

const SAMPLE_SUFFIX = '（示例数据）'

/** The name without the demo data's `（示例数据）` suffix: the page shows a 示例数据 badge instead. */
export function displayName(station: Pick<Station, 'name' | 'sample'>): string {
  return station.sample && station.name.endsWith(SAMPLE_SUFFIX) ? station.name.slice(0, -SAMPLE_SUFFIX.length) : station.name
}

/** `职工驿站`, or `帮扶服务站点 · 乡镇（街道）级` for an aid station. */
export function kindText(station: Pick<Station, 'kind' | 'level'>): string {
  const kind = labelOf(STATION_KINDS, station.kind)
  return station.level ? `${kind} · ${labelOf(AID_LEVELS, station.level)}` : kind
}

/** Ranges as `08:30-12:00、14:30-18:00`; `00:00-24:00` reads `全天`. */
export function rangesText(ranges: readonly TimeRange[]): string {
  if (ranges.length === 1 && ranges[0].from === '00:00' && ranges[0].to === '24:00') return '全天'
  return ranges.map((r) => `${r.from}-${r.to}`).join('、')
}

/** Today's hours for the list: `今日 08:30-12:00、14:30-18:00` or `今日不开放`. */
export function todayText(today: readonly TimeRange[]): string {
  return today.length ? `今日 ${rangesText(today)}` : '今日不开放'
}
