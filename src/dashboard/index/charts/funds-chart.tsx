import { FUND_SOURCE_CODES, type FundSource } from '@/domain/household-codes'
import Chart from './chart'
import type { ChartOption } from './echarts'

/** Short names that fit beside a bar on a phone. */
const SHORT: Record<FundSource, string> = { central: '中央', provincial: '省级', prefecture: '州（市）级', county: '县（市）级', union: '工会自有', donation: '社会捐助' }

/** Bars of the funds paid per source, in 万元. */
export default function FundsChart({ bySource }: { bySource: Record<FundSource, number> }) {
  const sources = [...FUND_SOURCE_CODES].reverse()
  const wan = (fen: number) => Math.round(fen / 100) / 10_000
  const option: ChartOption = {
    animation: false,
    grid: { left: 76, right: 56, top: 8, bottom: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)} 万元` },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: sources.map((s) => SHORT[s]), axisTick: { show: false }, axisLabel: { fontSize: 12 } },
    series: [
      {
        type: 'bar',
        name: '发放金额',
        data: sources.map((s) => wan(bySource[s])),
        barMaxWidth: 22,
        itemStyle: { color: '#2e7d32', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize: 11, formatter: '{c}万' },
      },
    ],
  }
  return <Chart name='funds' caption='各来源发放金额（万元）' option={option} height={230} />
}
