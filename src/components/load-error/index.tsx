import { Button, Text, View } from '@tarojs/components'

/** Props of a load failure. */
export interface LoadErrorProps {
  message: string
  onRetry: () => void
}

/** A failed load: the server's plain message and a retry button. */
export default function LoadError({ message, onRetry }: LoadErrorProps) {
  return (
    <View className='load-error'>
      <Text className='state-text'>{message}</Text>
      <Button className='btn btn--secondary' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}
