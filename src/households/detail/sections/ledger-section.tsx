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
import { useState } from 'react'
import { pressable } from '@/components/pressable'

/** Entries a page of the ledger shows; 显示更多 adds as many again. */
export const LEDGER_PAGE = 5

/** 帮扶资金: the approved totals, then the entries newest first, a page at a time, each a compact line whose detail holds 冲正. */
export default function LedgerSection(props: FileSectionProps) {
  const { view, act, active, open, close } = props
  const [shown, setShown] = useState(LEDGER_PAGE)
  const [opened, setOpened] = useState<string | null>(null)
  const lines = [...view.ledger].sort((a, b) => b.paidOn.localeCompare(a.paidOn) || b.createdAt.localeCompare(a.createdAt))
  const reversible = (line: LedgerLine) => line.kind === 'payment' && line.status === 'approved' && !line.reversed && !line.reversalPending
  const rest = lines.length - shown
  return (
    <Section name='ledger' title='帮扶资金' actionText={may(view, 'recordPayment') && active !== 'recordPayment' ? '登记发放' : undefined} action='recordPayment' onAction={() => open('recordPayment')}>
      {active === 'recordPayment' && <PaymentForm view={view} act={act} onCancel={close} />}
      <Totals {...props} />
      {lines.length === 0 && <Text className='hh-empty'>暂无发放记录</Text>}
      <View data-ledger-shown={Math.min(shown, lines.length)} data-ledger-total={lines.length}>
        {lines.slice(0, shown).map((line) => {
          const isOpen = opened === line.id || active === `reversePayment:${line.id}`
          return (
            <View
              key={line.id}
              className={line.reversed || line.status === 'rejected' ? 'hh-entry hh-entry--struck' : 'hh-entry'}
              data-line={line.id}
              data-kind={line.kind}
              data-status={line.status}
              data-reversed={line.reversed}
            >
              <Summary line={line} open={isOpen} onToggle={() => setOpened(isOpen ? null : line.id)} />
              {isOpen && (
                <Detail line={line} onReverse={may(view, 'reversePayment') && reversible(line) && !active ? () => open(`reversePayment:${line.id}`) : undefined} />
              )}
              {active === `reversePayment:${line.id}` && <ReversalForm act={act} payment={line} onCancel={close} />}
            </View>
          )
        })}
      </View>
      {rest > 0 && (
        <Button className='btn btn--secondary hh-ledger-more' data-action='ledgerMore' onClick={() => setShown(shown + LEDGER_PAGE)}>
          再显示{Math.min(rest, LEDGER_PAGE)}条（还有{rest}条）
        </Button>
      )}
    </Section>
  )
}

/** The compact line of an entry: source, amount, date and where it stands; tapping it opens the detail. */
function Summary({ line, open, onToggle }: { line: LedgerLine; open: boolean; onToggle: () => void }) {
  const title = `${line.kind === 'reversal' ? '冲正 · ' : ''}${labelOf(FUND_SOURCES, line.fundSource)}`
  return (
    <View className='hh-entry__summary' hoverClass='card--pressed' {...pressable()} aria-expanded={open} data-entry-toggle onClick={onToggle}>
      <View className='hh-entry__head'>
        <Text className='hh-entry__title'>{title}</Text>
        <Text className='hh-entry__side' data-amount={line.amountFen}>
          {formatMoney(line.amountFen)}
        </Text>
      </View>
      <View className='hh-entry__head'>
        <Text className='hh-entry__line'>{formatDate(line.paidOn)}</Text>
        <Text className='hh-entry__line'>{open ? '收起 ▲' : '详情 ▼'}</Text>
      </View>
      <View className='hh-tags'>
        <Approval line={line} />
        {line.reversed && <Tag tone='muted' data={{ 'data-tag': 'reversed' }}>已冲正</Tag>}
        {line.reversalPending && <Tag tone='pending' data={{ 'data-tag': 'reversal-pending' }}>冲正待审批</Tag>}
      </View>
    </View>
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

/** An entry's detail: the account, who recorded and approved it, its note; 冲正 for a payment that may be reversed. */
function Detail({ line, onReverse }: { line: LedgerLine; onReverse?: () => void }) {
  const approver = line.status === 'approved' && line.decision ? ` · 审批 ${line.decision.byName}` : ''
  return (
    <View className='hh-entry__detail' data-entry-detail>
      {line.payeeAccountMasked && <Text className='hh-entry__line'>收款账户 {line.payeeAccountMasked}</Text>}
      <Text className='hh-entry__line'>
        经办 {line.recordedByName}
        {approver}
      </Text>
      {line.kind === 'reversal' && <Text className='hh-entry__line'>冲正原因：{line.reason}</Text>}
      {line.note && <Text className='hh-entry__text'>{line.note}</Text>}
      {onReverse && (
        <View className='hh-entry__actions'>
          <Button className='btn btn--danger btn--small' data-action='reversePayment' onClick={onReverse}>
            冲正这笔发放
          </Button>
        </View>
      )}
    </View>
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
