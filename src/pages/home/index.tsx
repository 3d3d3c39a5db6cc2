import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import DemoAccountBanner from '@/components/demo-account-banner'
import EntryTile from '@/components/entry-tile'
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
  { key: 'self-check', title: '困难自测', description: '看看是否符合帮扶条件', glyph: '测' },
  { key: 'apply', title: '申请帮扶', description: '在线填写帮扶申请', glyph: '申', url: ROUTES.applyForm },
  { key: 'my-applications', title: '我的申请', description: '查看申请办理进度', glyph: '我', url: ROUTES.myApplications },
  { key: 'stations', title: '附近驿站', description: '查找工会服务站和户外劳动者驿站', glyph: '站' },
]

function open(entry: Entry): void {
  if (entry.url) {
    void Taro.navigateTo({ url: entry.url })
    return
  }
  void Taro.showModal({ title: entry.title, content: '该功能正在建设中，敬请期待', showCancel: false, confirmText: '知道了', confirmColor: '#1565c0' })
}

/** The first screen: what the service is and the four things a worker can do. */
export default function HomePage() {
  return (
    <View className='page home'>
      <View className='home__hero'>
        <Text className='home__title'>蓝天帮扶</Text>
        <Text className='home__intro'>困难职工在线申请帮扶，随时查看办理进度</Text>
      </View>
      <DemoAccountBanner />
      <View className='home__entries'>
        {ENTRIES.map((entry) => (
          <EntryTile
            key={entry.key}
            entry={entry.key}
            title={entry.title}
            description={entry.description}
            glyph={entry.glyph}
            comingSoon={!entry.url}
            onTap={() => open(entry)}
          />
        ))}
      </View>
      <Text className='home__help'>如需帮助，请联系所在单位工会</Text>
    </View>
  )
}
