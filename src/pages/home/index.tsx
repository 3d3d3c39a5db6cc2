import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import DemoAccountBanner from '@/components/demo-account-banner'
import EntryTile from '@/components/entry-tile'
import { me } from '@/services/account'
import { unreadCount } from '@/services/messages'
import { pageClass, useLargeText } from '@/services/preferences'
import { ROUTES } from '@/services/routes'
import './index.css'

interface Entry {
  key: string
  title: string
  description: string
  glyph: string
  /** Where it leads; absent while the feature is being built. */
  url?: string
}

const ENTRIES: Entry[] = [
  { key: 'self-check', title: '困难自测', description: '看看是否符合帮扶条件', glyph: '测', url: ROUTES.selfCheck },
  { key: 'apply', title: '申请帮扶', description: '在线填写帮扶申请', glyph: '申', url: ROUTES.applyForm },
  { key: 'my-applications', title: '我的申请', description: '查看申请办理进度', glyph: '我', url: ROUTES.myApplications },
  { key: 'messages', title: '消息通知', description: '申请办理的每一步都会通知您', glyph: '信', url: ROUTES.messages },
  { key: 'stations', title: '附近驿站', description: '查找工会服务站和户外劳动者驿站', glyph: '站', url: ROUTES.stations },
]

/** Shown to admins only (the server checks the role on every call anyway). */
const ADMIN_ENTRY: Entry = { key: 'admin-stations', title: '站点管理', description: '维护站点信息，处理群众报告的问题', glyph: '管', url: ROUTES.adminStations }

function open(entry: Entry): void {
  if (entry.url) {
    void Taro.navigateTo({ url: entry.url })
    return
  }
  void Taro.showModal({ title: entry.title, content: '该功能正在建设中，敬请期待', showCancel: false, confirmText: '知道了', confirmColor: '#1565c0' })
}

/** The first screen: what the service is, the things a worker can do, and the large-text switch. */
export default function HomePage() {
  const [largeText, setLargeText] = useLargeText()
  const [unread, setUnread] = useState(0)
  const [isAdmin, setIsAdmin] = useState(false)

  useDidShow(() => {
    void unreadCount().then((r) => r.ok && setUnread(r.data.count))
    void me().then((r) => setIsAdmin(r.ok && r.data.roles.includes('admin')))
  })

  return (
    <View className={pageClass(largeText, 'home')}>
      <View className='home__hero'>
        <Text className='home__title'>蓝天帮扶</Text>
        <Text className='home__intro'>困难职工在线申请帮扶，随时查看办理进度</Text>
      </View>
      <DemoAccountBanner />
      <View className='home__entries'>
        {(isAdmin ? [...ENTRIES, ADMIN_ENTRY] : ENTRIES).map((entry) => (
          <EntryTile
            key={entry.key}
            entry={entry.key}
            title={entry.title}
            description={entry.description}
            glyph={entry.glyph}
            comingSoon={!entry.url}
            badge={entry.key === 'messages' ? unread : 0}
            onTap={() => open(entry)}
          />
        ))}
      </View>
      <View className='home__large-text' data-setting='large-text'>
        <View className='home__large-text-body'>
          <Text className='home__large-text-title'>大字模式</Text>
          <Text className='home__large-text-desc'>放大文字和按钮，看得更清楚</Text>
        </View>
        <Switch className='home__large-text-switch' checked={largeText} color='#1565c0' onChange={(e) => setLargeText(e.detail.value)} />
      </View>
      <Text className='home__help'>如需帮助，请联系所在单位工会</Text>
    </View>
  )
}
