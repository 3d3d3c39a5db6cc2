import { Button, Text, View } from '@tarojs/components'
import './index.css'
import { containerRole } from '../pressable'

/** Props of the bar after a reversible action. */
export interface UndoBarProps {
  /** What was done, e.g. 已删除家庭成员“李小红”. */
  message: string
  onUndo: () => void
}

/** Said right after a reversible action (deleting a row of a form): what was done and 撤销. */
export default function UndoBar({ message, onUndo }: UndoBarProps) {
  return (
    <View className='undo-bar' {...containerRole('status')} data-undo>
      <Text className='undo-bar__text'>{message}</Text>
      <Button className='btn btn--secondary btn--small undo-bar__undo' onClick={onUndo}>
        撤销
      </Button>
    </View>
  )
}
