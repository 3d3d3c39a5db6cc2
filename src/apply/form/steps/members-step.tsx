import { Button, Text, View } from '@tarojs/components'
import { MAX_MEMBERS } from '@/domain/application-form'
import { HEALTH_STATUSES, RELATIONS } from '@/domain/form-codes'
import { emptyMember } from '@/domain/form-values'
import { ChoiceInput, MoneyInput, TextInput, type StepProps } from './fields'

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
          <TextInput p={p} path={`members.${i}.name`} label='姓名' maxlength={30} />
          <ChoiceInput p={p} path={`members.${i}.relation`} label='与申请人关系' options={RELATIONS} />
          <TextInput p={p} path={`members.${i}.idNumber`} label='身份证号' keyboard='idcard' maxlength={18} placeholder='18位身份证号码' />
          <ChoiceInput p={p} path={`members.${i}.health`} label='健康状况' options={HEALTH_STATUSES} />
          <TextInput p={p} path={`members.${i}.occupation`} label='职业或就读学校' maxlength={40} placeholder='如：务农、弥勒一中学生、无业' />
          <MoneyInput p={p} path={`members.${i}.monthlyIncome`} label='月收入' />
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
