import type { ChartOption } from './echarts'

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
