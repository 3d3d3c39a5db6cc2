import { Text, View } from '@tarojs/components'
import { Fragment } from 'react'
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

type StageState = 'done' | 'current' | 'todo'

/**
 * Each stage with the date it was reached, the current one with what happens next, the rest still
 * to come. An application returned, rejected or withdrawn shows that step right after the stage it
 * left (that stage not ticked: it did not finish); a returned one still has its stages to come.
 */
export default function StageProgress({ status, timeline }: StageProgressProps) {
  const reached = new Map<ApplicationStatus, string>()
  for (const e of timeline) reached.set(e.status, e.at)
  const closed = !STAGES.includes(status)
  const current = closed ? Math.max(0, ...STAGES.map((s, i) => (reached.has(s) ? i : -1))) : STAGES.indexOf(status)
  const stateOf = (stage: ApplicationStatus, i: number): StageState =>
    i < current || (i === current && (stage === 'filed' || status === 'rejected' || status === 'withdrawn')) ? 'done' : i === current ? 'current' : 'todo'
  const shown = status === 'returned' || !closed ? STAGES : STAGES.slice(0, current + 1)
  return (
    <View className='stages'>
      {shown.map((stage, i) => {
        const state = stateOf(stage, i)
        const at = reached.get(stage)
        return (
          <Fragment key={stage}>
            <View className={`stages__item stages__item--${state}`} data-stage={stage} data-state={state}>
              <View className='stages__dot'>{state === 'done' ? '✓' : String(i + 1)}</View>
              <View className='stages__body'>
                <View className='stages__line'>
                  <Text className='stages__label'>{STATUS_LABELS[stage]}</Text>
                  <Text className='stages__date'>{at && state !== 'todo' ? formatDate(at) : '待办理'}</Text>
                </View>
                <Text className='stages__text'>{state === 'current' && !closed ? `进行中：${STAGE_TEXT[stage]}` : STAGE_TEXT[stage]}</Text>
              </View>
            </View>
            {closed && i === current && <ClosedStep status={status} at={reached.get(status)} />}
          </Fragment>
        )
      })}
    </View>
  )
}

/** Where the application left the road: returned for changes, not approved, or withdrawn. */
function ClosedStep({ status, at }: { status: ApplicationStatus; at?: string }) {
  return (
    <View className='stages__item stages__item--closed' data-stage={status} data-state='closed'>
      <View className='stages__dot'>!</View>
      <View className='stages__body'>
        <View className='stages__line'>
          <Text className='stages__label'>{STATUS_LABELS[status]}</Text>
          <Text className='stages__date'>{at ? formatDate(at) : ''}</Text>
        </View>
        <Text className='stages__text'>{STATUS_NEXT_STEP[status]}</Text>
      </View>
    </View>
  )
}
