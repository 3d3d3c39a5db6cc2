import { Text, View } from '@tarojs/components'
import Echarts from 'taro-react-echarts'
import { echarts, type ChartOption } from './echarts'

/** Props of a chart. */
export interface ChartProps {
  /** `data-chart` for tests. */
  name: string
  /** What the chart shows, in words: its caption, and what a screen reader says. */
  caption: string
  option: ChartOption
  /** In CSS pixels. */
  height: number
}

/**
 * A chart drawn by ECharts on a canvas (WeChat) or in a div (H5). The figures it draws are also on
 * the page as text, so the chart is only a picture of them. Drawn after the data arrived, so it
 * starts from its own effect rather than the page's onReady (`isPage={false}`). No width in
 * `style`: on H5 it would be read as the chart's width in pixels.
 */
export default function Chart({ name, caption, option, height }: ChartProps) {
  return (
    <View className='dash-chart' data-chart={name} role='img' aria-label={caption}>
      <Text className='dash-chart__caption'>{caption}</Text>
      <Echarts echarts={echarts} option={option} isPage={false} style={{ height: `${height}px` }} />
    </View>
  )
}
