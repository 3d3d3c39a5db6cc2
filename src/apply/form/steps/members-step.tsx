import { Button, Text, View } from '@tarojs/components'
import { Fragment, useState } from 'react'
import UndoBar from '@/components/undo-bar'
import { MAX_MEMBERS, MEMBER_FIELDS } from '@/domain/form-fields'
import { memberTitle } from '@/domain/form-labels'
import { emptyMember } from '@/domain/form-values'
import { Fields, type StepProps } from './fields'

const MEMBER_KEYS = Object.keys(MEMBER_FIELDS) as (keyof typeof MEMBER_FIELDS)[]

type Member = StepProps['values']['members'][number]

/** Family members living with the applicant: add, fill, remove (with 撤销 right after). */
export default function MembersStep({ p, onMembers }: { p: StepProps; onMembers: (members: StepProps['values']['members']) => void }) {
  const members = p.values.members
  const [removed, setRemoved] = useState<{ member: Member; index: number } | null>(null)
  const nameOf = (m: Member, i: number) => m.name.trim() || memberTitle(i)

  const remove = (i: number) => {
    setRemoved({ member: members[i], index: i })
    onMembers(members.filter((_, j) => j !== i))
  }
  const undo = () => {
    if (!removed) return
    onMembers([...members.slice(0, removed.index), removed.member, ...members.slice(removed.index)])
    setRemoved(null)
  }

  // Where the member was, so the person sees it right where they tapped.
  const undoBar = removed && <UndoBar message={`已删除${nameOf(removed.member, removed.index)}`} onUndo={undo} />

  return (
    <View>
      <Text className='apply-form__lead'>请填写与您共同生活的家庭成员（不含您本人），最多{MAX_MEMBERS}人。没有可直接点“下一步”。</Text>
      {p.messages.members && <Text className='field-error'>{p.messages.members}</Text>}
      {members.map((m, i) => (
        <Fragment key={i}>
          {removed?.index === i && undoBar}
          <View className='card member' data-member={i}>
          <View className='member__head'>
            <Text className='card__title'>{m.name.trim() ? `${memberTitle(i)}：${m.name.trim()}` : memberTitle(i)}</Text>
            <Button className='btn btn--danger btn--small member__remove' aria-label={`删除${nameOf(m, i)}`} onClick={() => remove(i)}>
              删除
            </Button>
          </View>
          <Fields p={p} part='members' member={i} keys={MEMBER_KEYS} />
          </View>
        </Fragment>
      ))}
      {removed && removed.index >= members.length && undoBar}
      {members.length < MAX_MEMBERS && (
        <Button className='btn btn--secondary member__add' onClick={() => (setRemoved(null), onMembers([...members, emptyMember()]))}>
          ＋ 添加家庭成员
        </Button>
      )}
    </View>
  )
}
