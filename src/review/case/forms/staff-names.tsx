import { Input, Text, View } from '@tarojs/components'
import Field from '@/components/field'
import FieldError from '@/components/field-error'

/** Props of the list of staff present. */
export interface StaffNamesProps {
  names: string[]
  errors: Record<string, string>
  onChange: (names: string[]) => void
}

const MAX_STAFF = 6

/** The names of the staff at the visit: at least two, one input each, more added with one tap. */
export default function StaffNames({ names, errors, onChange }: StaffNamesProps) {
  const set = (i: number, value: string) => onChange(names.map((n, j) => (j === i ? value : n)))
  return (
    <Field field='staffPresent' dataField='staffPresent' label='参与走访人员' hint='至少2名工作人员，填写姓名' error={errors.staffPresent}>
      {names.map((name, i) => (
        // The list's own message ("at least 2") marks the empty names, not the ones filled in.
        <View key={i} className={errors[`staffPresent.${i}`] || (errors.staffPresent && !name.trim()) ? 'case-staff case-staff--invalid' : 'case-staff'}>
          <View className='case-staff__row'>
            <Input
              className='field__input case-staff__input'
              data-field={`staffPresent.${i}`}
              value={name}
              maxlength={20}
              placeholder={`第${i + 1}位工作人员姓名`}
              placeholderClass='field__placeholder'
              nativeProps={{ 'aria-label': `第${i + 1}位工作人员姓名` }}
              onInput={(e) => set(i, e.detail.value)}
            />
            {names.length > 2 && (
              <Text className='case-staff__remove' onClick={() => onChange(names.filter((_, j) => j !== i))}>
                删除
              </Text>
            )}
          </View>
          <FieldError field={`staffPresent.${i}`} message={errors[`staffPresent.${i}`]} />
        </View>
      ))}
      {names.length < MAX_STAFF && (
        <Text className='case-staff__add' data-action='add-staff' onClick={() => onChange([...names, ''])}>
          ＋ 添加人员
        </Text>
      )}
    </Field>
  )
}
