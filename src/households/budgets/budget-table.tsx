import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import FormField from '@/components/form-field'
import FormFrame from '@/components/form-frame'
import type { BudgetView } from '@/domain/api/households'
import { FUND_SOURCE_CODES, FUND_SOURCES, type FundSource } from '@/domain/household-codes'
import { fenToYuanText, parseYuan } from '@/domain/money'
import { labelOf } from '@/text/household-text'
import { formatMoney } from '@/text/format'

/** Props of one unit's budgets. */
export interface BudgetTableProps {
  unit: { id: string; name: string }
  budgets: Partial<Record<FundSource, BudgetView>>
  maySet: boolean
  /** Sets one budget; resolves to the server's message for the amount, or null once set. */
  onSet: (fundSource: FundSource, amountFen: number, expectedVersion: number) => Promise<string | null>
}

/** A unit's budget per fund source: the amount, what approved and pending payments hold, what is left; 设置 for admins. */
export default function BudgetTable({ unit, budgets, maySet, onSet }: BudgetTableProps) {
  const [editing, setEditing] = useState<FundSource | null>(null)
  const [amount, setAmount] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const open = (s: FundSource) => {
    setEditing(s)
    setAmount(budgets[s] ? fenToYuanText(budgets[s]!.amountFen) : '')
    setError(undefined)
  }
  const submit = async (s: FundSource) => {
    const fen = parseYuan(amount)
    if (fen === null) return setError('请填写预算金额，如 200000')
    setBusy(true)
    const problem = await onSet(s, fen, budgets[s]?.version ?? 0)
    setBusy(false)
    if (problem) return setError(problem)
    setEditing(null)
  }
  return (
    <View className='card hh-budget' data-budget-unit={unit.id}>
      <Text className='card__title'>{unit.name}</Text>
      {FUND_SOURCE_CODES.map((s) => {
        const b = budgets[s]
        return (
          <View key={s} className='hh-entry' data-source={s} data-amount={b?.amountFen ?? ''} data-left={b?.leftFen ?? ''}>
            <View className='hh-entry__head'>
              <Text className='hh-entry__title'>{labelOf(FUND_SOURCES, s)}</Text>
              <Text className='hh-entry__side'>{b ? formatMoney(b.amountFen) : '未设置'}</Text>
            </View>
            {b && (
              <Text className='hh-entry__line hh-entry__line--words'>
                <Text className='hh-nowrap'>已用 {formatMoney(b.committedFen)}（含待审批）</Text>
                {' · '}
                <Text className='hh-nowrap'>剩余 {formatMoney(b.leftFen)}</Text>
              </Text>
            )}
            {maySet && editing !== s && (
              <View className='hh-entry__actions'>
                <Button className='btn btn--secondary btn--small' data-action='set-budget' onClick={() => open(s)}>
                  {b ? '调整预算' : '设置预算'}
                </Button>
              </View>
            )}
            {editing === s && (
              <FormFrame form='setBudget' title={`${unit.name} · ${labelOf(FUND_SOURCES, s)}`} submitText='保存预算' busy={busy} onCancel={() => setEditing(null)} onSubmit={() => void submit(s)}>
                <FormField field='amountFen' label='预算金额' unit='元' keyboard='digit' placeholder='如 200000' value={amount} maxlength={14} error={error} onInput={(v) => (setAmount(v), setError(undefined))} />
              </FormFrame>
            )}
          </View>
        )
      })}
    </View>
  )
}
