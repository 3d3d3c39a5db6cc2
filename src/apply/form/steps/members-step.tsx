import { Button, Text, View } from '@tarojs/components'
import { MAX_MEMBERS, MEMBER_FIELDS } from '@/domain/form-fields'
import { emptyMember } from '@/domain/form-values'
import { Fields, type StepProps } from './fields'

const MEMBER_KEYS = Object.keys(MEMBER_FIELDS) as (keyof typeof MEMBER_FIELDS)[]

/** Family members living with the applicant: add, fill, remove. */
export default function MembersStep({ p, onMembers }: { p: StepProps; onMembers: (members: StepProps['values']['members']) => void }) {
  const members = p.values.members
  return (
    <View>
      <Text className='apply-form__lead'>请填写与您共同生活的家庭成员（不含您本人），最多{MAX_MEMBERS}人。没有可直接点“下一步”。</Text>
      {p.messages.members && <Text className='field-error'>{p.messages.members}</Text>}
      {members.map((_, i) => (
        <View key={i} className='card member' data-member={i}>
          <View className='member__head'>
            <Text className='card__title'>家庭成员 {i + 1}</Text>
            <Button className='btn btn--danger btn--small member__remove' onClick={() => onMembers(members.filter((__, j) => j !== i))}>
              删除
            </Button>
          </View>
          <Fields p={p} part='members' member={i} keys={MEMBER_KEYS} />
        </View>
      ))}
      {members.length < MAX_MEMBERS && (
        <Button className='btn btn--secondary member__add' onClick={() => onMembers([...members, emptyMember()])}>
          ＋ 添加家庭成员
        </Button>
      )}
    </View>
  )
}
