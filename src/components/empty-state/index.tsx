import { Button, Text, View } from '@tarojs/components'
import './index.css'

/** Props of an empty state. */
export interface EmptyStateProps {
  message: string
  actionText?: string
  onAction?: () => void
}

/** Says plainly that there is nothing here yet and offers the one useful next step. */
export default function EmptyState({ message, actionText, onAction }: EmptyStateProps) {
  return (
    <View className='empty-state'>
      <Text className='empty-state__message'>{message}</Text>
      {actionText && onAction && (
        <Button className='btn btn--primary empty-state__action' onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  )
}
