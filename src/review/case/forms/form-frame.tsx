import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import ActionBar from '../../components/action-bar'

/** Props of a decision's form. */
export interface FormFrameProps {
  /** The action, as `data-form` for tests. */
  action: string
  title: string
  /** One line on what the decision does. */
  lead?: string
  submitText: string
  busy: boolean
  onSubmit: () => void
  onCancel: () => void
  children?: ReactNode
}

/** A decision's form on the case page: its fields, then 取消 and the decision in the pinned bar. */
export default function FormFrame({ action, title, lead, submitText, busy, onSubmit, onCancel, children }: FormFrameProps) {
  return (
    <View className='case-form' data-form={action}>
      <View className='card'>
        <Text className='card__title'>{title}</Text>
        {lead && <Text className='case-form__lead'>{lead}</Text>}
        {children}
      </View>
      <ActionBar>
        <Button className='btn btn--secondary case-form__cancel' onClick={onCancel} disabled={busy}>
          取消
        </Button>
        <Button
          className={busy ? 'btn btn--primary btn--busy case-form__submit' : 'btn btn--primary case-form__submit'}
          disabled={busy}
          loading={busy}
          onClick={onSubmit}
        >
          {busy ? '正在提交…' : submitText}
        </Button>
      </ActionBar>
    </View>
  )
}
