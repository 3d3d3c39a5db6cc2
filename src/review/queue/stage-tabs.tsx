import { Text, View } from '@tarojs/components'
import { containerRole, pressable } from '@/components/pressable'
import type { QueueResult } from '@/domain/api/review'
import { QUEUE_STAGE_LABELS, QUEUE_STAGES, type QueueStage } from '@/domain/review'

/** Props of the stage tabs. */
export interface StageTabsProps {
  current: QueueStage
  counts: QueueResult['counts'] | null
  onChange: (stage: QueueStage) => void
}

/** One tab per stage, each with its number of cases and, in red, how many are overdue. */
export default function StageTabs({ current, counts, onChange }: StageTabsProps) {
  return (
    <View className='queue-tabs' {...containerRole('tablist', '办理环节')}>
      {QUEUE_STAGES.map((stage) => {
        const c = counts?.[stage]
        return (
          <View
            key={stage}
            className={stage === current ? 'queue-tab queue-tab--on' : 'queue-tab'}
            {...pressable(undefined, 'tab')}
            aria-selected={stage === current}
            data-stage={stage}
            onClick={() => onChange(stage)}
          >
            <Text className='queue-tab__label'>{QUEUE_STAGE_LABELS[stage]}</Text>
            <Text className='queue-tab__count' data-count={c?.total ?? 0}>
              {c ? c.total : '-'}
            </Text>
            {c && c.overdue > 0 ? (
              <Text className='queue-tab__overdue' data-overdue={c.overdue}>
                超期{c.overdue}
              </Text>
            ) : (
              <Text className='queue-tab__overdue queue-tab__overdue--none'> </Text>
            )}
          </View>
        )
      })}
    </View>
  )
}
