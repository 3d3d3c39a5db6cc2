import Taro from '@tarojs/taro'

/** Props of a confirmation: what is about to happen and the words of its two buttons. */
export interface ConfirmOptions {
  title: string
  /** What happens, and whether it can be undone, in one or two sentences. */
  content: string
  /** The verb of the action, e.g. 删除 or 撤回 (WeChat allows at most 4 characters). */
  confirmText: string
  /** Default 取消. */
  cancelText?: string
  /** Red for an action that loses something; the theme's blue otherwise. */
  danger?: boolean
}

/**
 * The one way pages ask before an action that cannot be undone (a reversible one acts at once and
 * offers 撤销 instead, see `undo-bar`). Resolves true when the person confirmed.
 */
export async function confirmAction({ title, content, confirmText, cancelText = '取消', danger = false }: ConfirmOptions): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: danger ? '#c62828' : '#1565c0' })
  return answer.confirm
}
