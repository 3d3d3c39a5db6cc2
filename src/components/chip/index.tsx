import { Text, View } from '@tarojs/components'
import './index.css'
import { pressable } from '@/components/pressable'

/** Props of a chip that is on or off. */
export interface ChipProps {
  label: string
  on: boolean
  onTap: () => void
  /** `radio` in a one-of group, `checkbox` (the default) otherwise. */
  role?: 'checkbox' | 'radio'
  /** A form's choice: taller and in the form's type size (a filter's chip is the smaller default). */
  large?: boolean
  /** Data attributes for tests, e.g. `{ 'data-filter': 'open-now' }`. */
  data?: Record<`data-${string}`, string>
}

/** A large rounded toggle, at least 40 px tall, marked with ✓ when on. */
export default function Chip({ label, on, onTap, role = 'checkbox', large, data = {} }: ChipProps) {
  const classes = ['chip', large ? 'chip--large' : '', on ? 'chip--on' : ''].filter(Boolean).join(' ')
  return (
    <View className={classes} {...pressable(undefined, role)} aria-checked={on} onClick={onTap} {...data}>
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}
