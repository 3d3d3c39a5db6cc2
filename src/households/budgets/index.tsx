import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import Chip from '@/components/chip'
import PageState from '@/components/page-state'
import type { UnitRef } from '@/components/unit-picker'
import UnitPickerCard from '@/components/unit-picker/card'
import { adminUnits } from '@/components/unit-picker/sources'
import type { FundSource } from '@/domain/household-codes'
import { shanghaiYear } from '@/domain/time'
import { api, newRequestId } from '@/api'
import { useLoader } from '@/hooks/use-loader'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { useRoles } from '../use-roles'
import BudgetTable from './budget-table'
import '../households.css'
import './index.css'

/**
 * 资金预算: a unit's budgets for a year, per fund source, and its children's; admins set them for
 * the units below their own. A payment draws on the nearest budget above its household, and
 * pending payments count against it too.
 */
export default function BudgetsPage() {
  const [largeText] = useLargeText()
  const thisYear = shanghaiYear(new Date())
  const [year, setYear] = useState(thisYear)
  const [unit, setUnit] = useState<UnitRef | null>(null)
  const [picking, setPicking] = useState(false)
  const isAdmin = useRoles().includes('admin')
  const [state, reload] = useLoader(() => api.households.budgets({ year, ...(unit ? { unitId: unit.id } : {}) }))
  useOnShow(() => void reload())
  // Another year or unit chosen: read again (the first show is read by useDidShow).
  const shown = useRef(false)
  useEffect(() => {
    if (shown.current) void reload()
    shown.current = true
  }, [year, unit?.id, reload])

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
          <View data-unit={s.data.unit.id}>
            <Text className='hh-entry__line hh-budgets__lead'>发放登记时按本户所在单位向上最近的预算扣减，待审批的金额也计入已用。</Text>
            <BudgetTable unit={s.data.unit} budgets={s.data.own} maySet={s.data.maySet} onSet={set(s.data.unit.id)} />
            {s.data.children.map((c) => (
              <BudgetTable key={c.id} unit={c} budgets={c.budgets} maySet={s.data.maySetChildren} onSet={set(c.id)} />
            ))}
          </View>
        )}
      </PageState>
    </View>
  )
}
