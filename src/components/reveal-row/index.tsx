import { Text, View } from '@tarojs/components'
import { pressable } from '@/components/pressable'
import type { Revealer } from './use-reveal'
import './index.css'

export { useReveal, type Revealer } from './use-reveal'

/** Props of a sensitive value's row. */
export interface RevealRowProps {
  label: string
  /** The reveal field, e.g. `applicant.idNumber`. */
  field: string
  masked: string
  /** Whether this staff member may see the full value. */
  mayReveal: boolean
  revealer: Revealer
  /** Text before the value, e.g. the bank's name. */
  prefix?: string
}

/** A masked value with "查看" beside it for those who may see it in full; the full value replaces the masked one. */
export default function RevealRow({ label, field, masked, mayReveal, revealer, prefix }: RevealRowProps) {
  const full = revealer.values[field]
  return (
    <View className='info-row info-row--stacked reveal-row' data-reveal-row={field}>
      <Text className='info-row__label'>{label}</Text>
      <View className='reveal-row__line'>
        <Text className={full ? 'reveal-row__value reveal-row__value--full' : 'reveal-row__value'} data-value={field}>
          {prefix ? `${prefix} ` : ''}
          {full ?? masked}
        </Text>
        {mayReveal && !full && (
          <Text className='reveal-row__action' data-reveal={field} {...pressable(`查看${label}`)} onClick={() => void revealer.show(field, label)}>
            查看
          </Text>
        )}
      </View>
    </View>
  )
}
