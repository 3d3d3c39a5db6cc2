import { Button, Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import { pendingDeregistration } from '@/domain/household'
import { DEREGISTRATION_REASONS } from '@/domain/household-codes'
import { formatDate } from '@/text/format'
import { labelOf } from '@/text/household-text'
import EvidenceLinks from '../../components/evidence-links'
import Section from '../../components/section'
import DecideForm from '../forms/decide-form'
import ProposeForm from '../forms/propose-form'
import { may, type FileSectionProps } from './types'

/** 脱困注销: the open proposal and its decision, or a caseworker's proposal; the last deregistration. */
export default function DeregistrationSection(props: FileSectionProps) {
  const { view, act, active, open, close } = props
  const pending = pendingDeregistration(view.history)
  const last = [...view.history].reverse().find((e) => e.kind === 'deregistered')
  const canPropose = may(view, 'proposeDeregistration')
  const canDecide = may(view, 'decideDeregistration')
  if (!pending && !canPropose && !(view.status === 'deregistered' && last)) return null
  return (
    <Section name='deregistration' title='脱困注销'>
      {pending && (
        <View className='hh-entry' data-pending>
          <Tag tone='pending'>待审批</Tag>
          <Text className='hh-entry__text'>原因：{labelOf(DEREGISTRATION_REASONS, pending.reason)}</Text>
          {pending.text && <Text className='hh-entry__text'>{pending.text}</Text>}
          {pending.evidenceIds.length > 0 && <EvidenceLinks householdId={view.id} ids={pending.evidenceIds} />}
          <Text className='hh-entry__line'>
            {pending.byName} 于 {formatDate(pending.at)} 提出{pending.campaignId ? '（户户清核查）' : ''}
          </Text>
        </View>
      )}
      {view.status === 'deregistered' && last?.kind === 'deregistered' && (
        <View className='hh-entry' data-deregistered>
          <Text className='hh-entry__text'>
            已于 {formatDate(last.at)} 脱困注销：{labelOf(DEREGISTRATION_REASONS, last.reason)}
          </Text>
          {last.note && <Text className='hh-entry__line'>审批意见：{last.note}</Text>}
        </View>
      )}
      {active === 'decideDeregistration' && <DecideForm view={view} act={act} onCancel={close} />}
      {active === 'proposeDeregistration' && <ProposeForm view={view} act={act} onCancel={close} />}
      {!active?.endsWith('Deregistration') && (canDecide || canPropose) && (
        <View className='hh-entry__actions'>
          {canDecide && (
            <Button className='btn btn--primary btn--small' data-action='decideDeregistration' onClick={() => open('decideDeregistration')}>
              审批注销
            </Button>
          )}
          {canPropose && (
            <Button className='btn btn--secondary btn--small' data-action='proposeDeregistration' onClick={() => open('proposeDeregistration')}>
              提出脱困注销
            </Button>
          )}
        </View>
      )}
    </Section>
  )
}
