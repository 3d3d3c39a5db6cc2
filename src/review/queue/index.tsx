import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import SearchBox from '@/components/search-box'
import type { AssistedDraftView, QueueItem, QueueResult } from '@/domain/api/review'
import { QUEUE_STAGE_LABELS, QUEUE_STAGES, type QueueStage } from '@/domain/review'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { api } from '@/api'
import { readParam, ROUTES } from '@/routes'
import RemindCard from '../components/remind-card'
import QueueItemView from './queue-item'
import StageTabs from './stage-tabs'
import FieldBar from './field-bar'
import AssistedDrafts from './assisted-drafts'
import { sendAllKeptVisits } from '../offline/kept-visit'
import { refreshVisitPack } from '../offline/visit-pack'
import { onNetworkReturn } from '@/platform/network-return'
import './index.css'

const PAGE_SIZE = 20

const stageOf = (raw: string): QueueStage => ((QUEUE_STAGES as readonly string[]).includes(raw) ? (raw as QueueStage) : 'submitted')

const firstWithCases = (counts: QueueResult['counts']) => QUEUE_STAGES.find((s) => counts[s].total > 0)

/** 审核工作台: the cases of each stage in the staff member's jurisdiction, overdue first, with search and paging. */
export default function ReviewQueuePage() {
  const [largeText] = useLargeText()
  const asked = readParam(useRouter().params.stage)
  const initial = stageOf(asked)
  const [stage, setStage] = useState<QueueStage>(initial)
  // Opened without a stage: the first tab with cases, once, rather than an empty one.
  const [settled, setSettled] = useState(asked !== '')
  const [search, setSearch] = useState('')
  const [counts, setCounts] = useState<QueueResult['counts'] | null>(null)
  const { list, load, more, reload } = usePages({
    ...cursorPages<QueueItem>(),
    fetch: (q: { stage: QueueStage; search: string }, cursor: string) =>
      api.review.queue({ stage: q.stage, pageSize: PAGE_SIZE, ...(q.search ? { search: q.search } : {}), ...(cursor ? { cursor } : {}) }),
  })
  // The tabs keep the last counts while another stage loads.
  useEffect(() => {
    if (list.kind !== 'ready') return
    setCounts(list.last.counts)
    if (settled) return
    setSettled(true)
    const first = firstWithCases(list.last.counts)
    if (!search && list.items.length === 0 && first && first !== stage) {
      setStage(first)
      void load({ stage: first, search })
    }
    // Runs on each answer of the list; the rest is read as it is then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list])

  const [calls, setCalls] = useState<number | null>(null)
  const [kept, setKept] = useState(0)
  const [drafts, setDrafts] = useState<AssistedDraftView[]>([])
  // Back from a case: its stage has likely changed, so the counts and the list are read again.
  useOnShow(() => {
    void load({ stage, search })
    void api.review.callTasks({ pageSize: 1 }).then((r) => setCalls(r.ok ? r.data.total : null))
    // Back from the form: a draft left there shows here; a submitted one is gone. Reviewers have none.
    void api.review.assistedDrafts({}).then((r) => setDrafts(r.ok ? r.data.items : []))
    // Home visits kept on this phone go up whenever the workbench shows with a network; then the
    // cases waiting for a visit are kept on the phone for the next trip out of signal.
    void sendAllKeptVisits().then(setKept).then(refreshVisitPack)
  })
  // And when the network returns while the workbench is open (each visit once: one send per case at a time).
  useEffect(() => onNetworkReturn(() => void sendAllKeptVisits().then(setKept)), [])

  const changeStage = (s: QueueStage) => {
    setSettled(true)
    if (s === stage) return
    setStage(s)
    void load({ stage: s, search })
  }
  const runSearch = (text: string) => {
    setSearch(text)
    void load({ stage, search: text })
  }
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'queue')} data-stage={stage}>
      <RemindCard />
      <FieldBar calls={calls} />
      <AssistedDrafts items={drafts} />
      {kept > 0 && <Text className='queue-kept muted' data-kept-visits={kept}>本机有{kept}份入户调查记录未上传，打开案件可查看</Text>}
      <StageTabs current={stage} counts={counts} onChange={changeStage} />
      <SearchBox placeholder='申请编号或申请人姓名' active={search} onSearch={runSearch} />
      <PageState
        state={list}
        onRetry={() => void reload()}
        isEmpty={(l) => l.items.length === 0}
        empty={{ message: search ? '没有找到符合条件的申请' : `“${QUEUE_STAGE_LABELS[stage]}”环节暂无申请` }}
      >
        {(list) => (
          <View className='queue-list' data-count={list.items.length}>
            {list.items.map((item) => (
              <QueueItemView key={item.id} item={item} onTap={(i) => void Taro.navigateTo({ url: ROUTES.reviewCase(i.id) })} />
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}
