import type { Dashboard } from '@/domain/dashboard'
import Chart from './chart'
import type { ChartOption } from './echarts'

/** A line of the households on file at each month's end. */
export default function OnFileChart({ series }: { series: Dashboard['onFileSeries'] }) {
  const option: ChartOption = {
    animation: false,
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)} 户` },
    xAxis: { type: 'category', data: series.map((p) => p.date.slice(0, 7)), boundaryGap: false, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
    series: [{ type: 'line', name: '在档家庭', data: series.map((p) => p.count), showSymbol: series.length <= 24, lineStyle: { width: 3, color: '#1565c0' }, itemStyle: { color: '#1565c0' }, areaStyle: { color: 'rgba(21,101,192,0.12)' } }],
  }
  return <Chart name='on-file' caption='在档家庭数（每月末，户）' option={option} height={220} />
}
