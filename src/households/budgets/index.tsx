import { Button, Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import Chip from '@/components/chip'
import PageState, { LoadMore } from '@/components/page-state'
import type { UnitRef } from '@/components/unit-picker'
import UnitPickerCard from '@/components/unit-picker/card'
import { adminUnits } from '@/components/unit-picker/sources'
import type { FundSource } from '@/domain/household-codes'
import { shanghaiYear } from '@/domain/time'
import type { BudgetsView } from '@/domain/api/households'
import { api, newRequestId } from '@/api'
import { usePages } from '@/hooks/use-pages'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { useRoles } from '../use-roles'
import BudgetTable from './budget-table'
import '../households.css'
import './index.css'

const PAGE_SIZE = 20

/**
 * 资金预算: a unit's budgets for a year, per fund source, and its children's a page at a time
 * (加载更多, however many children); admins set them for the units below their own. A payment
 * draws on the nearest budget above its household, and pending payments count against it too.
 */
export default function BudgetsPage() {
  const [largeText] = useLargeText()
  const thisYear = shanghaiYear(new Date())
  const [year, setYear] = useState(thisYear)
  const [unit, setUnit] = useState<UnitRef | null>(null)
  const [picking, setPicking] = useState(false)
  const isAdmin = useRoles().includes('admin')
  const { list: state, load, more } = usePages({
    first: '',
    fetch: (q: { year: number; unitId?: string }, cursor: string) => api.households.budgets({ ...q, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    items: (r: BudgetsView) => r.children,
    next: (r: BudgetsView) => r.nextCursor,
  })
  const unitId = unit?.id
  const reload = useCallback(() => load({ year, ...(unitId ? { unitId } : {}) }), [load, year, unitId])
  useOnShow(() => void reload())
  useReachBottom(more)
  // Another year or unit chosen: read again (the first show is read by useOnShow).
  const shown = useRef(false)
  useEffect(() => {
    if (shown.current) void reload()
    shown.current = true
  }, [reload])

  const set = (unitId: string) => async (fundSource: FundSource, amountFen: number, expectedVersion: number): Promise<string | null> => {
    const reply = await api.households.setBudget({ unitId, year, fundSource, amountFen, expectedVersion }, { requestId: newRequestId() })
    if (!reply.ok) {
      if (reply.error.code === 'CONFLICT') void reload()
      return reply.error.message
    }
    void Taro.showToast({ title: '预算已保存', icon: 'success', duration: 2000 })
    void reload()
    return null
  }

  return (
    <View className={pageClass(largeText, 'hh-budgets hh-big-targets')}>
      <View className='chip-row hh-list-tools' data-years>
        {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
          <Chip key={y} label={`${y}年`} role='radio' on={y === year} onTap={() => setYear(y)} data={{ 'data-year': String(y) }} />
        ))}
      </View>
      {isAdmin && !picking && (
        <Button className='btn btn--secondary hh-budgets__pick' data-action='pick-unit' onClick={() => setPicking(true)}>
          查看其他单位
        </Button>
      )}
      {picking && (
        <UnitPickerCard
          mode='browse'
          load={adminUnits}
          title='查看哪个单位的预算'
          startId={unit?.id}
          pickText='看这个单位'
          onPick={(u) => (setUnit(u), setPicking(false))}
          onCancel={() => setPicking(false)}
        />
      )}
      <PageState state={state} onRetry={() => void reload()}>
        {(s) => (
          <View data-unit={s.last.unit.id} data-count={s.items.length}>
            <Text className='hh-entry__line hh-budgets__lead'>发放登记时按本户所在单位向上最近的预算扣减，待审批的金额也计入已用。</Text>
            <BudgetTable unit={s.last.unit} budgets={s.last.own} maySet={s.last.maySet} onSet={set(s.last.unit.id)} />
            {s.items.map((c) => (
              <BudgetTable key={c.id} unit={c} budgets={c.budgets} maySet={s.last.maySetChildren} onSet={set(c.id)} />
            ))}
            <LoadMore list={s} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}
