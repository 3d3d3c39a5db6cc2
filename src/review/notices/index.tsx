import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { NoticeItem } from '@/domain/api/review'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatDate } from '@/text/format'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { api } from '@/api'
import '../review.css'
import './index.css'

const PAGE_SIZE = 20

type List = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: NoticeItem[]; page: number; hasMore: boolean; loadingMore: boolean }

/** 公示信息: cases under public notice, with as little as the law allows: masked name, unit and category. */
export default function NoticesPage() {
  const [largeText] = useLargeText()
  const [list, setList] = useState<List>({ kind: 'loading' })
  const seq = useRef(0)

  const load = useCallback(async (page: number, previous: NoticeItem[]) => {
    const mine = ++seq.current
    const reply = await api.review.notices({ page, pageSize: PAGE_SIZE })
    if (mine !== seq.current) return
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    const items = [...previous, ...reply.data.items]
    setList({ kind: 'ready', items, page, hasMore: items.length < reply.data.total && reply.data.items.length > 0, loadingMore: false })
  }, [])

  useDidShow(() => void load(1, []))
  usePullDownRefresh(() => void load(1, []).finally(() => Taro.stopPullDownRefresh()))
  const more = () => {
    if (list.kind !== 'ready' || !list.hasMore || list.loadingMore) return
    setList({ ...list, loadingMore: true })
    void load(list.page + 1, list.items)
  }
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'notices')}>
      <Text className='notices__lead'>以下困难职工帮扶申请正在公示。如对公示对象有异议，请在公示期内向所在工会反映。</Text>
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={() => void load(1, [])} />}
      {list.kind === 'ready' && list.items.length === 0 && <EmptyState message='目前没有正在公示的申请' />}
      {list.kind === 'ready' &&
        list.items.map((n) => (
          <View key={n.number} className='notice-item' data-notice={n.number}>
            <View className='notice-item__head'>
              <Text className='notice-item__name'>{n.nameMasked}</Text>
              {n.category && <Text className='review-tag review-tag--info'>{hardshipCategoryLabel(n.category)}</Text>}
            </View>
            <Text className='notice-item__line'>{n.unitName}</Text>
            <Text className='notice-item__line'>
              公示期 {formatDate(n.startedAt)} 至 {formatDate(n.endsAt)}
            </Text>
          </View>
        ))}
      {list.kind === 'ready' && list.hasMore && (
        <Button className='btn btn--secondary' onClick={more} data-more>
          {list.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      )}
    </View>
  )
}
