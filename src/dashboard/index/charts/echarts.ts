import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the two charts draw: the full build would weigh about twice as much in the subpackage.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, CanvasRenderer])

/** An option the registered parts can draw. */
export type ChartOption = echarts.ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption>

export { echarts }
