import { Text, View } from '@tarojs/components'
import './index.css'

/** Props of a label-value row. */
export interface InfoRowProps {
  label: string
  value: string
  /** Class of the value, a stable selector for tests (e.g. `app-id-number`). */
  valueClassName?: string
}

/** One labelled value of a record, label on the left, value on the right. */
export default function InfoRow({ label, value, valueClassName }: InfoRowProps) {
  return (
    <View className='info-row'>
      <Text className='info-row__label'>{label}</Text>
      <Text className={valueClassName ? `info-row__value ${valueClassName}` : 'info-row__value'}>{value}</Text>
    </View>
  )
}
