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
}

/** One labelled value of a record, label on the left, value on the right. */
export default function InfoRow({ label, value, valueClassName, stacked }: InfoRowProps) {
  return (
    <View className={stacked ? 'info-row info-row--stacked' : 'info-row'}>
      <Text className='info-row__label'>{label}</Text>
      <Text className={valueClassName ? `info-row__value ${valueClassName}` : 'info-row__value'}>{value}</Text>
    </View>
  )
}
