import { Text, View } from '@tarojs/components'
import './index.css'

/** Props of a label-value row. */
export interface InfoRowProps {
  label: string
  value: string
  /** Class of the value, a stable selector for tests (e.g. `app-id-number`). */
  valueClassName?: string
  /** Label above the value, both left-aligned: for long values such as a name with a masked ID number. */
  stacked?: boolean
  /** A masked value after `value` (a member's ID number), kept in one piece on its own line when it does not fit. */
  masked?: string
}

/** A masked value (`6222 **** 0123`, `138****5678`) reads only in one piece: it never wraps. */
const isMasked = (value: string) => /\*{2,}/.test(value) && value.length <= 24

/** One labelled value of a record, label on the left, value on the right. */
export default function InfoRow({ label, value, valueClassName, stacked, masked }: InfoRowProps) {
  const classes = ['info-row__value', isMasked(value) ? 'info-row__value--whole' : '', valueClassName ?? ''].filter(Boolean).join(' ')
  return (
    <View className={stacked ? 'info-row info-row--stacked' : 'info-row'}>
      <Text className='info-row__label'>{label}</Text>
      <Text className={classes}>
        {value}
        {masked ? <Text className='info-row__masked'> {masked}</Text> : null}
      </Text>
    </View>
  )
}
