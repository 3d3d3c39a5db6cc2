import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@/domain/application'
import { STATUS_LABELS, STATUS_NEXT_STEP, type ApplicationStatus } from '@/domain/application-status'
import { formatDate } from '@/text/format'
import './index.css'

/** The stages every application passes on its way to being filed, in order. */
const STAGES: readonly ApplicationStatus[] = ['submitted', 'screening', 'visiting', 'verifying', 'publicizing', 'filed']

/** What each stage is, for someone who has never been through it. */
const STAGE_TEXT: Partial<Record<ApplicationStatus, string>> = {
  submitted: '申请已送达所在工会',
  screening: '基层工会审核材料',
  visiting: '工作人员上门了解情况',
  verifying: '民政部门核对家庭经济状况',
  publicizing: '在单位或社区公示',
  filed: '审批通过，建立帮扶档案',
}

/** Props of the stage overview. */
export interface StageProgressProps {
  status: ApplicationStatus
  timeline: readonly TimelineEntry[]
}

/** Each stage with the date it was reached, the current one with what happens next, the rest still to come. */
export default function StageProgress({ status, timeline }: StageProgressProps) {
  const reached = new Map<ApplicationStatus, string>()
  for (const e of timeline) reached.set(e.status, e.at)
  const current = STAGES.includes(status) ? STAGES.indexOf(status) : Math.max(...STAGES.map((s, i) => (reached.has(s) ? i : -1)))
  const closed = !STAGES.includes(status)
  return (
    <View className='stages'>
      {STAGES.map((stage, i) => {
        const state = i < current || (i === current && stage === 'filed') ? 'done' : i === current ? (closed ? 'done' : 'current') : 'todo'
        const at = reached.get(stage)
        return (
          <View key={stage} className={`stages__item stages__item--${state}`} data-stage={stage} data-state={state}>
            <View className='stages__dot'>{state === 'done' ? '✓' : String(i + 1)}</View>
            <View className='stages__body'>
              <View className='stages__line'>
                <Text className='stages__label'>{STATUS_LABELS[stage]}</Text>
                <Text className='stages__date'>{at && state !== 'todo' ? formatDate(at) : '待办理'}</Text>
              </View>
              <Text className='stages__text'>{state === 'current' ? `进行中：${STAGE_TEXT[stage]}` : STAGE_TEXT[stage]}</Text>
            </View>
          </View>
        )
      })}
      {closed && (
        <View className='stages__item stages__item--closed' data-stage={status}>
          <View className='stages__dot'>!</View>
          <View className='stages__body'>
            <View className='stages__line'>
              <Text className='stages__label'>{STATUS_LABELS[status]}</Text>
              <Text className='stages__date'>{reached.get(status) ? formatDate(reached.get(status)!) : ''}</Text>
            </View>
            <Text className='stages__text'>{STATUS_NEXT_STEP[status]}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
