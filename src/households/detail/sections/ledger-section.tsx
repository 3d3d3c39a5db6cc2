import { Button, Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import type { LedgerLine } from '@/domain/api/households'
import { FUND_SOURCE_CODES, FUND_SOURCES } from '@/domain/household-codes'
import { labelOf } from '@/text/household-text'
import Section from '../../components/section'
import PaymentForm from '../forms/payment-form'
import ReversalForm from '../forms/reversal-form'
import { may, type FileSectionProps } from './types'
import { formatDate, formatMoney } from '@/text/format'

/** 帮扶资金: every payment and reversal, newest first, with its approval; the approved totals by source; record and reverse. */
export default function LedgerSection(props: FileSectionProps) {
  const { view, act, active, open, close } = props
  const lines = [...view.ledger].sort((a, b) => b.paidOn.localeCompare(a.paidOn) || b.createdAt.localeCompare(a.createdAt))
  const reversible = (line: LedgerLine) => line.kind === 'payment' && line.status === 'approved' && !line.reversed && !line.reversalPending
  return (
    <Section name='ledger' title='帮扶资金' actionText={may(view, 'recordPayment') && active !== 'recordPayment' ? '登记发放' : undefined} action='recordPayment' onAction={() => open('recordPayment')}>
      {active === 'recordPayment' && <PaymentForm view={view} act={act} onCancel={close} />}
      <Totals {...props} />
      {lines.length === 0 && <Text className='hh-empty'>暂无发放记录</Text>}
      {lines.map((line) => (
        <View
          key={line.id}
          className={line.reversed || line.status === 'rejected' ? 'hh-entry hh-entry--struck' : 'hh-entry'}
          data-line={line.id}
          data-kind={line.kind}
          data-status={line.status}
          data-reversed={line.reversed}
        >
          <Line line={line} onReverse={may(view, 'reversePayment') && reversible(line) && !active ? () => open(`reversePayment:${line.id}`) : undefined} />
          {active === `reversePayment:${line.id}` && <ReversalForm act={act} payment={line} onCancel={close} />}
        </View>
      ))}
    </Section>
  )
}

/** Where an entry stands: waiting for a second person, approved by whom, or rejected and why. */
function Approval({ line }: { line: LedgerLine }) {
  if (line.status === 'pending') {
    return (
      <Tag tone='pending' data={{ 'data-tag': 'pending' }}>
        待审批，未计入合计
      </Tag>
    )
  }
  if (line.status === 'rejected') {
    return (
      <Tag tone='muted' data={{ 'data-tag': 'rejected' }}>
        已驳回：{line.decision?.note}
      </Tag>
    )
  }
  return null
}

/** One payment or reversal; `onReverse` offers 冲正 beside who recorded it. */
function Line({ line, onReverse }: { line: LedgerLine; onReverse?: () => void }) {
  const reversal = line.kind === 'reversal'
  const approver = line.status === 'approved' && line.decision ? ` · 审批 ${line.decision.byName}` : ''
  return (
    <>
      <View className='hh-entry__head'>
        <Text className='hh-entry__title'>
          {reversal ? '冲正 · ' : ''}
          {labelOf(FUND_SOURCES, line.fundSource)}
        </Text>
        <Text className='hh-entry__side' data-amount={line.amountFen}>
          {formatMoney(line.amountFen)}
        </Text>
      </View>
      <View className='hh-tags'>
        <Approval line={line} />
      </View>
      <Text className='hh-entry__line hh-entry__line--words'>
        <Text className='hh-nowrap'>发放日期 {formatDate(line.paidOn)}</Text>
        {line.payeeAccountMasked && ' · '}
        {line.payeeAccountMasked && <Text className='hh-nowrap'>收款账户 {line.payeeAccountMasked}</Text>}
      </Text>
      <View className='hh-entry__foot'>
        <Text className='hh-entry__line'>
          经办 {line.recordedByName}
          {approver}
        </Text>
        {onReverse && (
          <Button className='btn btn--danger btn--small' data-action='reversePayment' onClick={onReverse}>
            冲正
          </Button>
        )}
      </View>
      {reversal && <Text className='hh-entry__line'>冲正原因：{line.reason}</Text>}
      {line.reversed && <Text className='hh-entry__line hh-entry__note'>已冲正</Text>}
      {line.reversalPending && <Text className='hh-entry__line hh-entry__note'>冲正待审批</Text>}
      {line.note && <Text className='hh-entry__text'>{line.note}</Text>}
    </>
  )
}

/** The approved totals by source, and what waits for approval beside them (not in the sum). */
function Totals({ view }: FileSectionProps) {
  const sources = FUND_SOURCE_CODES.filter((s) => view.fundsBySource[s] !== 0)
  const pendingFen = view.ledger.filter((l) => l.status === 'pending').reduce((sum, l) => sum + l.amountFen, 0)
  const waiting = view.ledger.some((l) => l.status === 'pending')
  if (view.ledger.length === 0) return null
  return (
    <View className='hh-totals' data-totals>
      {sources.map((s) => (
        <View key={s} className='hh-total' data-source={s}>
          <Text>{labelOf(FUND_SOURCES, s)}</Text>
          <Text>{formatMoney(view.fundsBySource[s])}</Text>
        </View>
      ))}
      <View className='hh-total hh-total--sum' data-total={view.fundsTotalFen}>
        <Text>合计（已审批）</Text>
        <Text>{formatMoney(view.fundsTotalFen)}</Text>
      </View>
      {waiting && (
        <View className='hh-total' data-pending-total={pendingFen}>
          <Text>待审批（未计入）</Text>
          <Text>{formatMoney(pendingFen)}</Text>
        </View>
      )}
    </View>
  )
}
