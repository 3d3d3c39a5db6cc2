import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import FormFrame from '@/components/form-frame'
import Tag from '@/components/tag'
import TextAreaField from '@/components/text-area-field'
import type { PendingEntry } from '@/domain/api/households'
import { FUND_SOURCES } from '@/domain/household-codes'
import { labelOf } from '@/text/household-text'
import type { Decider } from './use-decide'
import { formatDate, formatMoney } from '@/text/format'

/** Props of one entry waiting for a decision. */
export interface PendingCardProps {
  item: PendingEntry
  decider: Decider
  /** Opens the household's file. */
  onOpen: () => void
}

/**
 * A payment or reversal waiting for a second person: the household, the amount, who recorded it
 * and when; 通过 and 驳回 (with the reason) for whoever may decide it, and a plain note on one's own.
 */
export default function PendingCard({ item, decider, onOpen }: PendingCardProps) {
  const { entry } = item
  const [rejecting, setRejecting] = useState(false)
  const [note, setNote] = useState('')
  const reversal = entry.kind === 'reversal'
  return (
    <View className='card card--item hh-pending' data-entry={entry.id} data-kind={entry.kind} data-mine={item.mine}>
      <View onClick={onOpen} hoverClass='card--pressed' data-link='household'>
        <View className='hh-entry__head'>
          <Text className='hh-entry__title'>
            {reversal ? '冲正 · ' : '发放 · '}
            {labelOf(FUND_SOURCES, entry.fundSource)}
          </Text>
          <Text className='hh-entry__side' data-amount={entry.amountFen}>
            {formatMoney(entry.amountFen)}
          </Text>
        </View>
        <Text className='hh-entry__line'>
          {item.headNameMasked} · {item.householdNumber} · {item.unitName}
        </Text>
        <Text className='hh-entry__line'>
          发放日期 {formatDate(entry.paidOn)} · 经办 {entry.recordedByName}
        </Text>
        {reversal && <Text className='hh-entry__line'>冲正原因：{entry.reason}</Text>}
        {entry.note && <Text className='hh-entry__text'>{entry.note}</Text>}
      </View>
      {item.mine && (
        <View className='hh-tags'>
          <Tag tone='muted' data={{ 'data-tag': 'mine' }}>
            您登记的记录，需由其他审核人员审批
          </Tag>
        </View>
      )}
      {item.mayDecide && !rejecting && (
        <View className='hh-entry__actions'>
          <Button className='btn btn--primary btn--small' data-action='approve' disabled={decider.busy} onClick={() => void decider.decide(entry.id, 'approved', '')}>
            审批通过
          </Button>
          <Button className='btn btn--danger btn--small' data-action='reject' disabled={decider.busy} onClick={() => setRejecting(true)}>
            驳回
          </Button>
        </View>
      )}
      {item.mayDecide && rejecting && (
        <FormFrame
          form='reject'
          title='驳回这笔记录'
          lead='驳回后不计入发放，经办人可重新登记。'
          submitText='确认驳回'
          busy={decider.busy}
          onCancel={() => setRejecting(false)}
          onSubmit={() => void decider.decide(entry.id, 'rejected', note)}
        >
          <TextAreaField label='驳回原因' placeholder='如：金额与审批单不符' value={note} maxlength={200} {...decider.bind('note', setNote)} />
        </FormFrame>
      )}
    </View>
  )
}
