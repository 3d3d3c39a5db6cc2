import { Text, View } from '@tarojs/components'
import ChoiceChips from '@/components/choice-chips'
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@/domain/roles'
import './role-chips.css'

/** Props of the roles choice. */
export interface RoleChipsProps {
  value: readonly StaffRole[]
  error?: string
  onChange: (roles: StaffRole[]) => void
}

const OPTIONS = STAFF_ROLES.map((r) => ({ code: r, label: STAFF_ROLE_LABELS[r].label }))

/** Several staff roles, each a chip (kept in the order of STAFF_ROLES), with what each role does written under them. */
export default function RoleChips({ value, error, onChange }: RoleChipsProps) {
  return (
    <View>
      <ChoiceChips multiple field='roles' label='角色（可多选）' options={OPTIONS} value={value} error={error} onChange={(codes) => onChange(STAFF_ROLES.filter((r) => codes.includes(r)))} />
      <View className='role-chips__help'>
        {STAFF_ROLES.map((r) => (
          <Text key={r} className='admin-item__line'>
            {STAFF_ROLE_LABELS[r].label}：{STAFF_ROLE_LABELS[r].does}
          </Text>
        ))}
      </View>
    </View>
  )
}
