import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { LedgerLine } from '@/domain/api/households'
import { FUND_SOURCES } from '@/domain/household-codes'
import { labelOf } from '@/text/household-text'
import FormFrame from '@/components/form-frame'
import { confirmAction } from '@/components/confirm'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'
import { formatDate, formatMoney } from '@/text/format'

/** 冲正: cancels one payment in full with a reason once another reviewer approves it; nothing is deleted. */
export default function ReversalForm({ act, payment, onCancel }: Omit<HouseholdFormProps, 'view'> & { payment: LedgerLine }) {
  const [reason, setReason] = useState('')
  return (
    <FormFrame
      form='reversePayment'
      title='冲正这笔发放'
      submitText='确认冲正'
      busy={act.busy}
      onCancel={onCancel}
      onSubmit={() =>
        void confirmAction({
          title: '确认冲正',
          content: `登记 ${formatMoney(-payment.amountFen)} 的冲正，原记录保留；冲正记录登记后不能删除，需另一位审核人员审批后生效。`,
          confirmText: '冲正',
          danger: true,
        }).then((yes) => yes && act.submit('reversePayment', { paymentId: payment.id, reason }))
      }
    >
      <Text className='form-frame__lead'>
        将登记一笔 {formatMoney(-payment.amountFen)} 的冲正记录（{labelOf(FUND_SOURCES, payment.fundSource)}，{formatDate(payment.paidOn)}），原记录保留；审批通过后生效。
      </Text>
      <TextAreaField label='冲正原因' placeholder='如：金额录入错误，应为1200元' value={reason} maxlength={200} {...act.bind('reason', setReason)} />
    </FormFrame>
  )
}
