import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import PageState from '@/components/page-state'
import type { MessageView } from '@/domain/api/account'
import { formatDateTime } from '@/text/format'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import { useLoader } from '@/hooks/use-loader'
import { useOnShow } from '@/hooks/use-on-show'
import './index.css'
import { pressable } from '@/components/pressable'

/** In-app messages: one for every change of an application's status, newest first, unread ones marked. */
export default function MessagesPage() {
  const [largeText] = useLargeText()
  const [state, reload] = useLoader(() => api.account.messages({ page: 1, pageSize: 50 }))

  useOnShow(() => void reload())
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  const open = async (m: MessageView) => {
    if (!m.read) await api.account.markRead({ ids: [m.id] })
    if (m.applicationId) void Taro.navigateTo({ url: ROUTES.application(m.applicationId) })
    else void reload()
  }

  const markAll = async (items: MessageView[]) => {
    const unread = items.filter((m) => !m.read).map((m) => m.id)
    if (unread.length) await api.account.markRead({ ids: unread })
    void reload()
  }

  return (
    <View className={pageClass(largeText, state.kind === 'ready' ? 'messages' : '')}>
      <PageState state={state} onRetry={() => void reload()} isEmpty={(s) => s.data.items.length === 0} empty={{ message: '还没有消息。提交申请后，每一步办理进度都会通知您。' }}>
        {({ data: { items } }) => (
        <View>
          {items.some((m) => !m.read) && (
            <Text className='messages__mark-all' {...pressable()} onClick={() => void markAll(items)}>
              全部标为已读
            </Text>
          )}
          {items.map((m) => (
            <View key={m.id} className={m.read ? 'message' : 'message message--unread'} data-message={m.id} data-read={m.read} {...pressable()} onClick={() => void open(m)}>
              <View className='message__head'>
                {!m.read && <View className='message__dot' />}
                {!m.read && <Text className='visually-hidden'>未读</Text>}
                <Text className='message__title'>{m.title}</Text>
              </View>
              <Text className='message__body'>{m.body}</Text>
              <Text className='message__time muted'>{formatDateTime(m.createdAt)}</Text>
            </View>
          ))}
        </View>
        )}
      </PageState>
    </View>
  )
}
