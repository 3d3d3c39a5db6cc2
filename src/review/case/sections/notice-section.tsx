import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { formatDateTime } from '@/text/format'

/** Where the public notice (公示) stands: running until when, over without objection, or stopped by one. */
export default function NoticeSection({ view }: { view: CaseView }) {
  const n = view.notice
  if (!n.endsAt) return null
  const state = n.ended ? 'ended' : n.running ? 'running' : 'objected'
  const open = view.application.status === 'publicizing'
  return (
    <View className={`card case-notice case-notice--${state}`} data-section='notice' data-notice={state}>
      <Text className='card__title'>公示</Text>
      {state === 'running' && <Text className='case-notice__text'>公示中，{formatDateTime(n.endsAt)} 结束</Text>}
      {state === 'ended' && (
        <Text className='case-notice__text'>
          公示已于 {formatDateTime(n.endsAt)} 期满，无异议{open ? '，可以审批建档' : ''}
        </Text>
      )}
      {state === 'objected' && <Text className='case-notice__text'>公示期间收到异议{open ? '' : '，已回到民政核对环节，核实后可重新公示'}</Text>}
    </View>
  )
}
