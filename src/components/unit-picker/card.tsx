import { Button, Text, View } from '@tarojs/components'
import UnitPicker, { type UnitPickerProps } from '.'

/** Props of the picker in its own card. */
export interface UnitPickerCardProps extends UnitPickerProps {
  /** What the picker is for, e.g. 选择新的上级单位. */
  title: string
  /** A message for the picker as a whole (the server's, about the pick). */
  error?: string
  onCancel: () => void
}

/** The unit picker opened in a card of its own, with its purpose, a message and 取消. */
export default function UnitPickerCard({ title, error, onCancel, ...picker }: UnitPickerCardProps) {
  return (
    <View className='card unit-picker' data-picker='unit'>
      <Text className='card__title'>{title}</Text>
      <UnitPicker {...picker} />
      {error && (
        <Text className='field-error' data-field='parentId'>
          {error}
        </Text>
      )}
      <Button className='btn btn--secondary btn--small unit-picker__cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
