import { Button, Text, View } from '@tarojs/components'
import Tag, { type TagTone } from '@/components/tag'
import type { Measure } from '@/domain/household'
import { MEASURE_KINDS, MEASURE_STATUSES } from '@/domain/household-codes'
import { formatDate } from '@/text/format'
import { labelOf } from '@/text/household-text'
import Section from '../../components/section'
import MeasureForm from '../forms/measure-form'
import MeasureUpdateForm from '../forms/measure-update-form'
import { may, type FileSectionProps } from './types'

const STATUS_TONE: Record<Measure['status'], TagTone> = { planned: 'muted', 'in-progress': 'pending', done: 'done', ended: 'muted' }

/** 帮扶措施: what is planned and done for the household; caseworkers add and update them. */
export default function MeasuresSection(props: FileSectionProps) {
  const { view, act, active, open, close } = props
  return (
    <Section name='measures' title='帮扶措施' actionText={may(view, 'addMeasure') && active !== 'addMeasure' ? '添加' : undefined} action='addMeasure' onAction={() => open('addMeasure')}>
      {active === 'addMeasure' && <MeasureForm view={view} act={act} onCancel={close} />}
      {view.measures.length === 0 && <Text className='hh-empty'>暂无帮扶措施</Text>}
      {view.measures.map((m) => (
        <View key={m.id} className='hh-entry' data-measure={m.id} data-measure-status={m.status}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>{labelOf(MEASURE_KINDS, m.kind)}</Text>
            <Tag tone={STATUS_TONE[m.status]}>{labelOf(MEASURE_STATUSES, m.status)}</Tag>
          </View>
          <Text className='hh-entry__text'>{m.description}</Text>
          {m.outcome && <Text className='hh-entry__line'>成效：{m.outcome}</Text>}
          <View className='hh-entry__foot'>
            <Text className='hh-entry__line'>
              {m.createdByName} · {formatDate(m.createdAt)}
            </Text>
            {may(view, 'updateMeasure') && m.status !== 'ended' && !active && (
              <Button className='btn btn--secondary btn--small' data-action='updateMeasure' onClick={() => open(`updateMeasure:${m.id}`)}>
                更新进展
              </Button>
            )}
          </View>
          {active === `updateMeasure:${m.id}` && <MeasureUpdateForm view={view} act={act} measure={m} onCancel={close} />}
        </View>
      ))}
    </Section>
  )
}
