import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { formatDate } from '@/text/format'

/** Props of one headline figure. */
export interface FigureProps {
  /** `data-figure` for tests. */
  name: string
  label: string
  value: string
  /** The raw number, as `data-value` for tests. */
  raw: number
  /** A second line, e.g. the exact amount under 万元. */
  detail?: ReactNode
}

/** A date kept on one line (`2026年12月6日`, never broken between month and day). */
export function DateText({ value }: { value: string }) {
  return <Text className='dash-date'>{formatDate(value)}</Text>
}

/** A headline figure: a small label above a large number. */
export default function Figure({ name, label, value, raw, detail }: FigureProps) {
  return (
    <View className='dash-figure' data-figure={name} data-value={raw}>
      <Text className='dash-figure__label'>{label}</Text>
      <Text className='dash-figure__value'>{value}</Text>
      {detail && <Text className='dash-figure__detail'>{detail}</Text>}
    </View>
  )
}

/** One labelled figure in a list: label on the left, value on the right. */
export function FigureRow({ name, label, value, raw }: Omit<FigureProps, 'detail'>) {
  return (
    <View className='dash-row' data-figure={name} data-value={raw}>
      <Text className='dash-row__label'>{label}</Text>
      <Text className='dash-row__value'>{value}</Text>
    </View>
  )
}
