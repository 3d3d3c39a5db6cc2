import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { HEALTH_STATUSES, labelOf, RELATIONS } from '@/domain/form-codes'
import { formatFen } from '@/domain/money'
import RevealRow from '../reveal-row'
import type { Revealer } from '../use-reveal'

/** The family members, each with a masked ID number that may be revealed. */
export default function MembersSection({ view, revealer }: { view: CaseView; revealer: Revealer }) {
  const members = view.application.details?.members ?? []
  if (members.length === 0) return null
  return (
    <View className='card' data-section='members'>
      <Text className='card__title'>家庭成员（{members.length}人）</Text>
      {members.map((m, i) => (
        <View key={i} className='case-member' data-member={i}>
          <Text className='case-member__name'>
            {m.name}（{labelOf(RELATIONS, m.relation)}）
          </Text>
          <Text className='case-member__line'>
            {labelOf(HEALTH_STATUSES, m.health)} · {m.occupation} · 月收入 {formatFen(m.monthlyIncome)}
          </Text>
          <RevealRow label='身份证号' field={`members.${i}.idNumber`} masked={m.idNumberMasked} mayReveal={view.mayReveal} revealer={revealer} />
        </View>
      ))}
    </View>
  )
}
