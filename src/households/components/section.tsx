import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** Props of a section of the household file. */
export interface SectionProps {
  /** `data-section` for tests. */
  name: string
  title: string
  /** The one action on the section's head (e.g. 添加), shown when given. */
  actionText?: string
  /** `data-action` of that button. */
  action?: string
  onAction?: () => void
  children?: ReactNode
}

/** A card with its title and at most one action on the right. */
export default function Section({ name, title, actionText, action, onAction, children }: SectionProps) {
  return (
    <View className='card hh-section' data-section={name}>
      <View className='hh-section__head'>
        <Text className='card__title'>{title}</Text>
        {actionText && onAction && (
          <Button className='btn btn--secondary btn--small' onClick={onAction} data-action={action}>
            {actionText}
          </Button>
        )}
      </View>
      {children}
    </View>
  )
}
