import { Text, View } from '@tarojs/components'
import Echarts from 'taro-react-echarts'
import { containerRole } from '@/components/pressable'
import type { ChartProps } from './chart-props'
import { echarts } from './echarts'

export type { ChartProps }

/**
 * A chart drawn by ECharts on a canvas in WeChat (the browser's is chart.h5.tsx). The figures it
 * draws are also on the page as text, so the chart is only a picture of them. Drawn after the data
 * arrived, so it starts from its own effect rather than the page's onReady (`isPage={false}`).
 */
export default function Chart({ name, caption, option, height }: ChartProps) {
  return (
    <View className='dash-chart' data-chart={name} {...containerRole('img', caption)}>
      <Text className='dash-chart__caption'>{caption}</Text>
      <Echarts echarts={echarts} option={option} isPage={false} style={{ height: `${height}px` }} />
    </View>
  )
}
