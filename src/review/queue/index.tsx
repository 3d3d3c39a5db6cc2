import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { QueueItem, QueueResult } from '@/domain/api/review'
import { QUEUE_STAGE_LABELS, QUEUE_STAGES, type QueueStage } from '@/domain/review'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { api } from '@/api'
import { readParam, ROUTES } from '@/routes'
import QueueItemView from './queue-item'
import StageTabs from './stage-tabs'
import '../review.css'
import './index.css'

const PAGE_SIZE = 20

type List =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: QueueItem[]; page: number; hasMore: boolean; loadingMore: boolean }

const stageOf = (raw: string): QueueStage => ((QUEUE_STAGES as readonly string[]).includes(raw) ? (raw as QueueStage) : 'submitted')

/** 审核工作台: the cases of each stage in the staff member's jurisdiction, overdue first, with search and paging. */
export default function ReviewQueuePage() {
  const [largeText] = useLargeText()
  const initial = stageOf(readParam(useRouter().params.stage))
  const [stage, setStage] = useState<QueueStage>(initial)
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [counts, setCounts] = useState<QueueResult['counts'] | null>(null)
  const [list, setList] = useState<List>({ kind: 'loading' })
  // The latest request wins: a slow reply for a tab left behind must not overwrite the new one.
  const seq = useRef(0)

  const load = useCallback(async (s: QueueStage, text: string, page: number, previous: QueueItem[]) => {
    const mine = ++seq.current
    const search = text.trim()
    const reply = await api.review.queue(search ? { stage: s, page, pageSize: PAGE_SIZE, search } : { stage: s, page, pageSize: PAGE_SIZE })
    if (mine !== seq.current) return
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    setCounts(reply.data.counts)
    const items = [...previous, ...reply.data.items]
    setList({ kind: 'ready', items, page, hasMore: items.length < reply.data.total && reply.data.items.length > 0, loadingMore: false })
  }, [])

  // Back from a case: its stage has likely changed, so the counts and the list are read again.
  useDidShow(() => void load(stage, search, 1, []))

  const changeStage = (s: QueueStage) => {
    if (s === stage) return
    setStage(s)
    setList({ kind: 'loading' })
    void load(s, search, 1, [])
  }
  const runSearch = (text: string) => {
    setSearch(text.trim())
    setList({ kind: 'loading' })
    void load(stage, text.trim(), 1, [])
  }
  const more = () => {
    if (list.kind !== 'ready' || !list.hasMore || list.loadingMore) return
    setList({ ...list, loadingMore: true })
    void load(stage, search, list.page + 1, list.items)
  }
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'queue')} data-stage={stage}>
      <StageTabs current={stage} counts={counts} onChange={changeStage} />
      <View className='queue-search'>
        <Input
          className='review-input queue-search__input'
          value={typed}
          placeholder='申请编号或申请人姓名'
          placeholderClass='form-field__placeholder'
          confirmType='search'
          maxlength={30}
          data-search
          nativeProps={{ 'aria-label': '搜索申请编号或申请人姓名' }}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => runSearch(e.detail.value)}
        />
        <Button className='btn btn--primary btn--small queue-search__go' onClick={() => runSearch(typed)} data-action='search'>
          搜索
        </Button>
      </View>
      {search && (
        <View className='queue-search__active'>
          <Text className='muted'>“{search}”的搜索结果</Text>
          <Text
            className='queue-search__clear'
            onClick={() => {
              setTyped('')
              runSearch('')
            }}
          >
            清除
          </Text>
        </View>
      )}
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={() => void load(stage, search, 1, [])} />}
      {list.kind === 'ready' && list.items.length === 0 && (
        <EmptyState message={search ? '没有找到符合条件的申请' : `“${QUEUE_STAGE_LABELS[stage]}”环节暂无申请`} />
      )}
      {list.kind === 'ready' && list.items.length > 0 && (
        <View className='queue-list' data-count={list.items.length}>
          {list.items.map((item) => (
            <QueueItemView key={item.id} item={item} onTap={(i) => void Taro.navigateTo({ url: ROUTES.reviewCase(i.id) })} />
          ))}
          {list.hasMore && (
            <Button className='btn btn--secondary' onClick={more} data-more>
              {list.loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
