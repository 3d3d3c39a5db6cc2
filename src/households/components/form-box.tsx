import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** Props of a form opened inside a card. */
export interface FormBoxProps {
  /** The action, as `data-form` for tests. */
  form: string
  title: string
  /** One line on what the form does. */
  lead?: string
  submitText: string
  busy: boolean
  onSubmit: () => void
  onCancel: () => void
  children?: ReactNode
}

/** A small form in place: its fields, then 取消 and the action side by side. */
export default function FormBox({ form, title, lead, submitText, busy, onSubmit, onCancel, children }: FormBoxProps) {
  return (
    <View className='hh-form' data-form={form}>
      <Text className='hh-form__title'>{title}</Text>
      {lead && <Text className='hh-form__lead'>{lead}</Text>}
      {children}
      <View className='hh-form__buttons'>
        <Button className='btn btn--secondary' onClick={onCancel} disabled={busy} data-action='cancel'>
          取消
        </Button>
        <Button
          className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'}
          disabled={busy}
          loading={busy}
          onClick={onSubmit}
          data-action='submit'
        >
          {busy ? '正在提交…' : submitText}
        </Button>
      </View>
    </View>
  )
}
