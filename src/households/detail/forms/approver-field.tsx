import { Text } from '@tarojs/components'
import { useEffect } from 'react'
import Field from '@/components/field'
import OptionList from '@/components/option-list'
import { useStaffChoices } from '../use-staff-choices'

/** Props of the approver choice. */
export interface ApproverFieldProps {
  householdId: string
  value: string
  error?: string
  onChange: (openid: string) => void
}

/** 审批人: a reviewer of the jurisdiction; the only one is chosen already. */
export default function ApproverField({ householdId, value, error, onChange }: ApproverFieldProps) {
  const reviewers = useStaffChoices(householdId, 'reviewer')
  const only = reviewers.kind === 'ready' && reviewers.items.length === 1 ? reviewers.items[0].openid : ''
  useEffect(() => {
    if (only && !value) onChange(only)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the list arrives
  }, [only])
  if (reviewers.kind !== 'ready' || reviewers.items.length === 0) {
    const message = reviewers.kind === 'loading' ? '正在加载审批人…' : reviewers.kind === 'error' ? reviewers.message : '本辖区没有可审批的工作人员，请联系管理员'
    return (
      <Field field='approvedBy' label='审批人' error={error}>
        <Text className='hh-empty'>{message}</Text>
      </Field>
    )
  }
  const options = reviewers.items.map((r) => ({ code: r.openid, label: `${r.name}（${r.unitName}）` }))
  return <OptionList field='approvedBy' label='审批人' options={options} value={value} error={error} onChange={onChange} />
}
