import { Text, View } from '@tarojs/components'
import Chip from '@/components/chip'
import FieldError from '@/components/field-error'
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@/domain/roles'
import './role-chips.css'

/** Props of the roles choice. */
export interface RoleChipsProps {
  value: readonly StaffRole[]
  error?: string
  onChange: (roles: StaffRole[]) => void
}

/** Several staff roles, each a chip, with what each role does written under them. */
export default function RoleChips({ value, error, onChange }: RoleChipsProps) {
  const toggle = (r: StaffRole) => onChange(value.includes(r) ? value.filter((x) => x !== r) : STAFF_ROLES.filter((x) => x === r || value.includes(x)))
  return (
    <View className={error ? 'admin-field admin-field--invalid' : 'admin-field'} id='field-roles'>
      <Text className='admin-field__label'>角色（可多选）</Text>
      <View className='admin-chips' data-field='roles'>
        {STAFF_ROLES.map((r) => (
          <Chip key={r} label={STAFF_ROLE_LABELS[r].label} on={value.includes(r)} onTap={() => toggle(r)} data={{ 'data-value': r }} />
        ))}
      </View>
      <View className='role-chips__help'>
        {STAFF_ROLES.map((r) => (
          <Text key={r} className='admin-item__line'>
            {STAFF_ROLE_LABELS[r].label}：{STAFF_ROLE_LABELS[r].does}
          </Text>
        ))}
      </View>
      <FieldError field='roles' message={error} />
    </View>
  )
}
