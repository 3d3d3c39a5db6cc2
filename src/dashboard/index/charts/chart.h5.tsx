import { Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import type { ChartProps } from './chart-props'
import { echarts } from './echarts'

export type { ChartProps }

/**
 * A chart drawn by ECharts in the browser, straight into its box: created when the box is there,
 * given each new option, resized with the window, disposed with the page. (taro-react-echarts'
 * browser path draws from a deferred start that, when the page was opened before and its box is
 * gone or not yet there, takes the WeChat branch and logs “微信基础库版本过低”; and it disposes and
 * creates every chart again once drawn.) The figures are also on the page as text.
 */
export default function Chart({ name, caption, option, height }: ChartProps) {
  const box = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const chart = echarts.init(el, undefined, { height })
    const resize = () => chart.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      chart.dispose()
    }
  }, [height])
  useEffect(() => {
    const chart = box.current && echarts.getInstanceByDom(box.current)
    chart?.setOption(option, true)
  }, [option, height])
  return (
    <View className='dash-chart' data-chart={name} role='img' aria-label={caption}>
      <Text className='dash-chart__caption'>{caption}</Text>
      <View ref={box} className='dash-chart__box' style={{ height: `${height}px` }} />
    </View>
  )
}
