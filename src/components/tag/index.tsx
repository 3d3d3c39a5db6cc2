import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.css'

/** What a tag says about its subject: under way, needs attention, late, done, or over. */
export type TagTone = 'info' | 'pending' | 'overdue' | 'done' | 'muted'

/** Props of a tag. */
export interface TagProps {
  tone: TagTone
  /** The larger size of a status on its own line (an application's status). */
  large?: boolean
  className?: string
  /** Data attributes for tests, e.g. `{ 'data-tag': 'overdue' }`. */
  data?: Record<`data-${string}`, string>
  children: ReactNode
}

/** A short coloured label beside a name: a category, a status, a warning. */
export default function Tag({ tone, large, className, data = {}, children }: TagProps) {
  const classes = ['tag', `tag--${tone}`, large ? 'tag--large' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <Text className={classes} {...data}>
      {children}
    </Text>
  )
}
