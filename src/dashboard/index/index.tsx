import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import PageState from '@/components/page-state'
import type { DashboardView } from '@/domain/api/households'
import { isCalendarDate } from '@/domain/calendar'
import type { DateRange } from '@/domain/dashboard'
import { DateText } from './figure'
import { todayShanghai } from '@/text/household-text'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { readParam } from '@/routes'
import ExportButtons from './export-buttons'
import RangeBar, { EARLIEST } from './range-bar'
import { ApplicationsSection, CampaignSection, FundsSection, HouseholdsSection, OverdueSection, StationsSection } from './sections'
import UnitFilter from './unit-filter'
import { useUnitOptions } from './use-unit-options'
import './index.css'

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; data: DashboardView; updating: boolean }

/** The range a link asks for (`?from=2015-01-01&to=2020-08-17`), else from 2015 to today. */
function initialRange(params: Record<string, string | undefined>, today: string): DateRange {
  const from = readParam(params.from)
  const to = readParam(params.to)
  return { from: isCalendarDate(from) ? from : EARLIEST, to: isCalendarDate(to) ? to : today }
}

/**
 * 工作统计: the jurisdiction's figures for a date range, as text first (large-text mode and
 * screen readers read them), with a line of households on file and bars of funds by source.
 */
export default function DashboardPage() {
  const [largeText] = useLargeText()
  const params = useRouter().params
  const today = todayShanghai()
  const [range, setRange] = useState<DateRange>(() => initialRange(params, today))
  const [unitId, setUnitId] = useState(readParam(params.unitId))
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [first, setFirst] = useState<DashboardView | null>(null)
  const seq = useRef(0)

  const load = useCallback(async (r: DateRange, unit: string) => {
    const mine = ++seq.current
    setState((s) => (s.kind === 'ready' ? { ...s, updating: true } : { kind: 'loading' }))
    const reply = await api.households.dashboard({ from: r.from, to: r.to, ...(unit ? { unitId: unit } : {}) })
    if (mine !== seq.current) return
    if (!reply.ok) return setState({ kind: 'error', message: reply.error.message })
    setState({ kind: 'ready', data: reply.data, updating: false })
    if (!unit) setFirst((f) => f ?? reply.data)
  }, [])

  useOnShow(() => void load(range, unitId))
  const units = useUnitOptions(first)

  const changeRange = (r: DateRange) => {
    setRange(r)
    void load(r, unitId)
  }
  const changeUnit = (u: string) => {
    setUnitId(u)
    void load(range, u)
  }

  return (
    <View className={pageClass(largeText, 'dash')} data-state={state.kind === 'ready' ? (state.updating ? 'updating' : 'ready') : state.kind}>
      <RangeBar range={range} today={today} onChange={changeRange} />
      <UnitFilter allName={first?.unitName ?? '本辖区'} units={units} value={unitId} onChange={changeUnit} />
      <PageState state={state} onRetry={() => void load(range, unitId)} loadingText='正在统计…'>
        {({ data, updating }) => (
          <View className='dash-body' data-unit-name={data.unitName}>
            <Text className='dash-scope'>
              {data.unitName} · <DateText value={data.range.from} /> 至 <DateText value={data.range.to} />
              {updating ? ' · 正在更新…' : ''}
            </Text>
            <HouseholdsSection d={data} />
            <FundsSection d={data} />
            <CampaignSection d={data} />
            <OverdueSection d={data} />
            <ApplicationsSection d={data} />
            <StationsSection d={data} />
            <ExportButtons range={range} unitId={unitId} />
          </View>
        )}
      </PageState>
    </View>
  )
}
