import { Picker, Text, View } from '@tarojs/components'
import Chip from '@/components/chip'
import { addDays, type CalendarDate } from '@/domain/calendar'
import type { DateRange } from '@/domain/dashboard'
import { formatDate } from '@/text/format'
import '@/platform/picker-style'

/** The first day the demo data (and the seed report's six years) covers: 全部 starts here. */
export const EARLIEST: CalendarDate = '2015-01-01'

/** The quick picks, as ranges ending `today`. */
export function quickRanges(today: CalendarDate): { key: string; label: string; range: DateRange }[] {
  return [
    { key: 'year', label: '今年', range: { from: `${today.slice(0, 4)}-01-01`, to: today } },
    { key: 'last-year', label: '近一年', range: { from: addDays(today, -364), to: today } },
    { key: 'all', label: '全部', range: { from: EARLIEST, to: today } },
  ]
}

/** Props of the date range bar. */
export interface RangeBarProps {
  range: DateRange
  today: CalendarDate
  onChange: (range: DateRange) => void
}

/** From and to dates, and the quick picks 今年 / 近一年 / 全部. */
export default function RangeBar({ range, today, onChange }: RangeBarProps) {
  return (
    <View className='card dash-range' data-from={range.from} data-to={range.to}>
      <View className='dash-range__dates'>
        <Picker mode='date' value={range.from} end={range.to} onChange={(e) => onChange({ ...range, from: e.detail.value })}>
          <View className='dash-range__date' data-field='from' aria-label={`开始日期：${formatDate(range.from)}`}>
            {formatDate(range.from)}
          </View>
        </Picker>
        <Text className='dash-range__to'>至</Text>
        <Picker mode='date' value={range.to} start={range.from} end={today} onChange={(e) => onChange({ ...range, to: e.detail.value })}>
          <View className='dash-range__date' data-field='to' aria-label={`结束日期：${formatDate(range.to)}`}>
            {formatDate(range.to)}
          </View>
        </Picker>
      </View>
      <View className='chip-row'>
        {quickRanges(today).map((q) => (
          <Chip key={q.key} label={q.label} role='radio' on={q.range.from === range.from && q.range.to === range.to} onTap={() => onChange(q.range)} data={{ 'data-range': q.key }} />
        ))}
      </View>
    </View>
  )
}
