import Taro from '@tarojs/taro'
import type { ApiError } from '@/domain/contract'
import { confirmAction } from '@/components/confirm'

/**
 * What a page does with a refused admin write. A problem with one of the form's `fields`
 * (VALIDATION, or a CONFLICT naming the field, like a duplicate name) is returned to be shown
 * next to that field; a CONFLICT about the record (someone changed it meanwhile) is said in a
 * dialog and the page reloads; anything else (FORBIDDEN ...) is said in a dialog as the server put it.
 */
export async function handleFailure(error: ApiError, fields: readonly string[], reload: () => void): Promise<{ field: string; message: string } | null> {
  if (error.field && fields.includes(error.field) && error.code !== 'FORBIDDEN') return { field: error.field, message: error.message }
  await Taro.showModal({ title: error.code === 'CONFLICT' ? '信息已变化' : '没有完成', content: error.message, showCancel: false, confirmText: '知道了', confirmColor: '#1565c0' })
  if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') reload()
  return null
}

/** Asks before an action that cannot be undone (the app's one confirmation); true when the admin confirms. */
export const confirmAdminAction = (title: string, content: string, confirmText: string): Promise<boolean> => confirmAction({ title, content, confirmText, danger: true })
