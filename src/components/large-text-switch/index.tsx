import { Text, View } from '@tarojs/components'
import { pressable } from '../pressable'
import './index.css'

/** Props of the large-text switch. */
export interface LargeTextSwitchProps {
  on: boolean
  onChange: (on: boolean) => void
}

/**
 * The large-text (适老化) switch as one big control: its name, what it does and a drawn switch;
 * a tap anywhere on it switches (a native switch stays small and answers only on itself).
 */
export default function LargeTextSwitch({ on, onChange }: LargeTextSwitchProps) {
  return (
    <View
      className={on ? 'large-switch large-switch--on' : 'large-switch'}
      data-setting='large-text'
      data-on={on ? 'true' : 'false'}
      {...pressable(undefined, 'switch')}
      aria-checked={on}
      onClick={() => onChange(!on)}
    >
      <View className='large-switch__body'>
        <Text className='large-switch__title'>大字模式</Text>
        <Text className='large-switch__desc'>{on ? '已开启：文字和按钮已放大' : '放大文字和按钮，看得更清楚'}</Text>
      </View>
      <View className='large-switch__track' aria-hidden>
        <View className='large-switch__knob' />
        <Text className='large-switch__state'>{on ? '开' : '关'}</Text>
      </View>
    </View>
  )
}
