import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@/domain/application'
import { STATUS_LABELS } from '@/domain/application-status'
import { formatDateTime } from '@/text/format'
import './index.css'

/** Props of an application's timeline. */
export interface TimelineProps {
  entries: readonly TimelineEntry[]
}

/** The application's history, newest first: what happened and when. */
export default function Timeline({ entries }: TimelineProps) {
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <View className='timeline'>
      {newestFirst.map((entry, i) => (
        <View key={`${entry.at}-${entry.status}`} className={i === 0 ? 'timeline__entry timeline__entry--current' : 'timeline__entry'}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <Text className='timeline__status'>{STATUS_LABELS[entry.status]}</Text>
            <Text className='timeline__time'>{formatDateTime(entry.at)}</Text>
            {entry.note && <Text className='timeline__note'>{entry.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
