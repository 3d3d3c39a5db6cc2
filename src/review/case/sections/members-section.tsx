import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { shownRows, splitMember } from '@/domain/field-rows'
import type { Revealer } from '@/components/reveal-row'
import CaseFieldRow from './case-field-row'

/** The family members, each with a masked ID number that may be revealed. */
export default function MembersSection({ view, revealer }: { view: CaseView; revealer: Revealer }) {
  const members = view.application.details?.members ?? []
  if (members.length === 0) return null
  return (
    <View className='card' data-section='members'>
      <Text className='card__title'>家庭成员（{members.length}人）</Text>
      {members.map((m, i) => {
        const { name, relation, rest } = splitMember(shownRows('members', m, { member: i }))
        // Codes and words read alone (`患慢性病 · 无业`); an amount says what it is.
        const line = rest.filter((r) => !r.revealable).map((r) => (r.kind === 'money' ? `${r.label} ${r.text}` : r.text))
        return (
          <View key={i} className='case-member' data-member={i}>
            <Text className='case-member__name'>
              {name}（{relation}）
            </Text>
            <Text className='case-member__line'>{line.join(' · ')}</Text>
            {rest.filter((r) => r.revealable).map((r) => (
              <CaseFieldRow key={r.path} row={r} mayReveal={view.mayReveal} revealer={revealer} />
            ))}
          </View>
        )
      })}
    </View>
  )
}
