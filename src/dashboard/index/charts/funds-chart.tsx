import { FUND_SOURCE_CODES, type FundSource } from '@/domain/household-codes'
import { useLargeText } from '@/hooks/use-large-text'
import Chart from './chart'
import type { ChartOption } from './echarts'

/** Short names that fit beside a bar on a phone. */
const SHORT: Record<FundSource, string> = { central: '中央', provincial: '省级', prefecture: '州（市）级', county: '县（市）级', union: '工会自有', donation: '社会捐助' }

/** Bars of the funds paid per source, in 万元. */
export default function FundsChart({ bySource }: { bySource: Record<FundSource, number> }) {
  const sources = [...FUND_SOURCE_CODES].reverse()
  const wan = (fen: number) => Math.round(fen / 100) / 10_000
  const [large] = useLargeText()
  const fontSize = large ? 18 : 14
  const option: ChartOption = {
    animation: false,
    // The labels sized as the page's text, the grid leaving them room.
    grid: { left: 8, right: large ? 84 : 68, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)} 万元`, textStyle: { fontSize } },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: sources.map((s) => SHORT[s]), axisTick: { show: false }, axisLabel: { fontSize } },
    series: [
      {
        type: 'bar',
        name: '发放金额',
        data: sources.map((s) => wan(bySource[s])),
        barMaxWidth: 22,
        itemStyle: { color: '#2e7d32', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize, formatter: '{c}万' },
      },
    ],
  }
  return <Chart name='funds' caption='各来源发放金额（万元）' option={option} height={large ? 330 : 260} />
}
