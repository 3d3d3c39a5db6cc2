import { Text, View } from '@tarojs/components'
import { formatDistance } from '@/text/distance'
import { useLargeText } from '@/hooks/use-large-text'
import { layoutOverview, spreadApart } from './layout'
import type { StationMapProps } from './types'
import './index.css'
import { pressable } from '@/components/pressable'

/** Width / height of the overview box (the CSS keeps the same ratio). */
const ASPECT = 4 / 3
/** The nearest ones only: more dots of a tappable size would not fit apart. */
const MAX_DOTS = 10
/** A dot's diameter as a share of the box's width (88 or 120 design units of about 654, and a little air). */
const DOT_SIZE = { normal: 0.145, large: 0.195 }

/**
 * The browser's map: Taro's H5 Map needs an online Baidu map with Baidu coordinates, so the
 * listed stations are drawn as numbered dots around the start point, scaled to fit.
 */
export default function StationMap({ origin, originLabel, stations: all, onTap }: StationMapProps) {
  const [largeText] = useLargeText()
  const stations = all.slice(0, MAX_DOTS)
  const layout = layoutOverview(origin, stations.map((s) => s.location), ASPECT, 0.12)
  const dots = spreadApart(layout.points, largeText ? DOT_SIZE.large : DOT_SIZE.normal, ASPECT)
  return (
    <View className='station-overview' data-overview>
      <View className='station-overview__box'>
        {stations.map((s, i) => (
          <View
            key={s.id}
            className={`station-overview__dot station-overview__dot--${s.kind}`}
            style={{ left: `${dots[i].left}%`, top: `${dots[i].top}%` }}
            data-dot={s.id}
            {...pressable(`${i + 1}号 ${s.name}`)}
            onClick={() => onTap(s)}
          >
            {i + 1}
          </View>
        ))}
        <View className='station-overview__origin' style={{ left: `${layout.origin.left}%`, top: `${layout.origin.top}%` }} />
      </View>
      <View className='station-overview__legend'>
        <Text className='station-overview__key station-overview__key--origin'>{originLabel}</Text>
        <Text className='station-overview__key station-overview__key--aid'>帮扶站点</Text>
        <Text className='station-overview__key station-overview__key--rest-post'>职工驿站</Text>
        <Text className='station-overview__key station-overview__key--expert-team'>专家团队</Text>
        <Text className='station-overview__scale'>图宽约 {formatDistance(layout.widthM)}</Text>
        <Text className='station-overview__hint'>图上是最近的 {stations.length} 个站点，点圆点看详情；位置为示意</Text>
      </View>
    </View>
  )
}
