import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import ActionBar from '../action-bar'
import './index.css'

/** Props of a form opened in place. */
export interface FormFrameProps {
  /** The action, as `data-form` for tests. */
  form: string
  title: string
  /** One line on what the form does. */
  lead?: string
  submitText: string
  busy: boolean
  onSubmit: () => void
  onCancel: () => void
  /** 取消 and the action go to the bar pinned at the bottom (a page whose actions live there); otherwise they follow the fields. */
  pinned?: boolean
  children?: ReactNode
}

/** A small form in place: its title and fields, then 取消 and the action side by side. */
export default function FormFrame({ form, title, lead, submitText, busy, onSubmit, onCancel, pinned, children }: FormFrameProps) {
  const buttons = (
    <>
      <Button className='btn btn--secondary form-frame__cancel' onClick={onCancel} disabled={busy} data-action='cancel'>
        取消
      </Button>
      <Button
        className={busy ? 'btn btn--primary btn--busy form-frame__submit' : 'btn btn--primary form-frame__submit'}
        disabled={busy}
        loading={busy}
        onClick={onSubmit}
        data-action='submit'
      >
        {/* In a Text: a bare string that changes makes React reset the button's textContent, which removes the
            anchors Taro's H5 button keeps for its loading spinner; its next render then fails in insertBefore. */}
        <Text>{busy ? '正在提交…' : submitText}</Text>
      </Button>
    </>
  )
  return (
    <View className={pinned ? 'card form-frame form-frame--pinned' : 'form-frame'} data-form={form}>
      <Text className='form-frame__title'>{title}</Text>
      {lead && <Text className='form-frame__lead'>{lead}</Text>}
      {children}
      {pinned ? <ActionBar>{buttons}</ActionBar> : <View className='form-frame__buttons'>{buttons}</View>}
    </View>
  )
}
