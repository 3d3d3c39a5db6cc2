import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import Tag from '@/components/tag'
import PageState, { LoadMore } from '@/components/page-state'
import type { NoticeItem } from '@/domain/api/review'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatDate } from '@/text/format'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { api } from '@/api'
import './index.css'

const PAGE_SIZE = 20

/** 公示信息: cases under public notice, with as little as the law allows: masked name, unit and category. */
export default function NoticesPage() {
  const [largeText] = useLargeText()
  const { list, load, more, reload } = usePages({ ...cursorPages<NoticeItem>(), fetch: (_: null, cursor) => api.review.notices({ ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE }) })

  useOnShow(() => void load(null))
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'notices')}>
      <Text className='notices__lead'>以下困难职工帮扶申请正在公示。如对公示对象有异议，请在公示期内向所在工会反映。</Text>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '目前没有正在公示的申请' }}>
        {(list) => (
          <View>
            {list.items.map((n) => (
              <View key={n.number} className='card card--item notice-item' data-notice={n.number}>
                <View className='notice-item__head'>
                  <Text className='notice-item__name'>{n.nameMasked}</Text>
                  {n.category && <Tag tone='info'>{hardshipCategoryLabel(n.category)}</Tag>}
                </View>
                <Text className='notice-item__line'>{n.unitName}</Text>
                <Text className='notice-item__line'>
                  公示期 {formatDate(n.startedAt)} 至 {formatDate(n.endsAt)}
                </Text>
              </View>
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}
