import { Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import type { CheckOutcome } from '@/domain/campaign'
import { DEREGISTRATION_REASONS, DIFFICULTY_GROUPS } from '@/domain/household-codes'
import { labelOf } from '@/text/household-text'

/** The conclusion as recorded: the difficulties and tasks kept, or the deregistration proposed. */
export default function OutcomeView({ outcome }: { outcome: CheckOutcome }) {
  if (outcome.kind === 'propose-deregistration') {
    return (
      <View data-outcome='propose-deregistration'>
        <Tag tone='pending'>已提出脱困注销，待审核人员审批</Tag>
        <Text className='hh-entry__text'>原因：{labelOf(DEREGISTRATION_REASONS, outcome.reason)}</Text>
        {outcome.text && <Text className='hh-entry__text'>{outcome.text}</Text>}
      </View>
    )
  }
  return (
    <View data-outcome='keep'>
      <Tag tone='info'>保留在档，继续帮扶</Tag>
      {outcome.difficulties.map((d, i) => (
        <View key={i} className='hh-entry'>
          <Text className='hh-entry__title'>{labelOf(DIFFICULTY_GROUPS, d.group)}</Text>
          <Text className='hh-entry__text'>{d.task}</Text>
        </View>
      ))}
    </View>
  )
}
