import { Text, View } from '@tarojs/components'
import './index.css'

/** Props of a chip that is on or off. */
export interface ChipProps {
  label: string
  on: boolean
  onTap: () => void
  /** `radio` in a one-of group, `checkbox` (the default) otherwise. */
  role?: 'checkbox' | 'radio'
  /** Data attributes for tests, e.g. `{ 'data-filter': 'open-now' }`. */
  data?: Record<`data-${string}`, string>
}

/** A large rounded toggle, at least 40 px tall, marked with ✓ when on. */
export default function Chip({ label, on, onTap, role = 'checkbox', data = {} }: ChipProps) {
  return (
    <View className={on ? 'chip chip--on' : 'chip'} role={role} aria-checked={on} onClick={onTap} {...data}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}
