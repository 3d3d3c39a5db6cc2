import { Text } from '@tarojs/components'
import type { OpeningState } from '@/domain/opening-hours'
import './index.css'

/** 营业中 · 18:00 关门 in green, or why it is closed in grey. */
export function OpenLabel({ state, className = '' }: { state: OpeningState; className?: string }) {
  return (
    <Text className={`open-label${state.open ? ' open-label--open' : ''} ${className}`.trim()} data-open={state.open ? 'true' : 'false'}>
      {state.label}
    </Text>
  )
}

/** Marks demo data, so nobody walks to a station that does not exist. */
export function SampleBadge({ text = '示例数据' }: { text?: string }) {
  return <Text className='sample-badge'>{text}</Text>
}
