import { Text, View } from '@tarojs/components'
import './index.css'
import { containerRole } from '@/components/pressable'

/** Props of the form's progress bar. */
export interface StepProgressProps {
  /** 0-based. */
  current: number
  titles: readonly string[]
}

/** Where the worker is in the form: "第 3 步，共 8 步" with the step's name and a filled bar. */
export default function StepProgress({ current, titles }: StepProgressProps) {
  const percent = Math.round(((current + 1) / titles.length) * 100)
  return (
    <View className='step-progress' {...containerRole('progressbar', `填写进度：第 ${current + 1} 步，共 ${titles.length} 步，${titles[current]}`)} aria-valuetext={titles[current]} aria-valuenow={current + 1} aria-valuemin={1} aria-valuemax={titles.length}>
      <View className='step-progress__text'>
        <Text className='step-progress__count'>
          第 {current + 1} 步，共 {titles.length} 步
        </Text>
        <Text className='step-progress__title'>{titles[current]}</Text>
      </View>
      <View className='step-progress__track'>
        <View className='step-progress__fill' style={{ width: `${percent}%` }} />
      </View>
    </View>
  )
}
