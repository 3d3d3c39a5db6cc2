import type { Dashboard } from '@/domain/dashboard'
import { useLargeText } from '@/hooks/use-large-text'
import { formatMonth } from '@/text/format'
import Chart from './chart'
import type { ChartOption } from './echarts'

/** A line of the households on file at each month's end. */
export default function OnFileChart({ series }: { series: Dashboard['onFileSeries'] }) {
  const [large] = useLargeText()
  const fontSize = large ? 18 : 14
  const option: ChartOption = {
    animation: false,
    // The axis labels sized as the page's text, the grid leaving them room.
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} 户`, textStyle: { fontSize } },
    xAxis: { type: 'category', data: series.map((p) => formatMonth(p.date)), boundaryGap: false, axisLabel: { fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: [{ type: 'line', name: '在档家庭', data: series.map((p) => p.count), showSymbol: series.length <= 24, lineStyle: { width: 3, color: '#1565c0' }, itemStyle: { color: '#1565c0' }, areaStyle: { color: 'rgba(21,101,192,0.12)' } }],
  }
  return <Chart name='on-file' caption='在档家庭数（每月末，户）' option={option} height={large ? 280 : 240} />
}
