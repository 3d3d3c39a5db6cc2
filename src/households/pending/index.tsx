import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import PageState, { LoadMore } from '@/components/page-state'
import type { PendingEntry, PendingLedgerPage } from '@/domain/api/households'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { ROUTES } from '@/routes'
import PendingCard from './pending-card'
import { useDecide } from './use-decide'
import '../households.css'
import './index.css'

const PAGE_SIZE = 20

/**
 * 资金审批: payments and reversals of the jurisdiction waiting for a second person, oldest first.
 * A reviewer approves or rejects those they did not record; their own are shown, marked, for the
 * others to decide. Nothing counts in any total before it is approved.
 */
export default function PendingLedgerPage() {
  const [largeText] = useLargeText()
  const { list, load, more, reload } = usePages({
    ...cursorPages<PendingEntry>(),
    fetch: (_q: null, cursor: string) => api.households.pendingLedger({ pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  })
  const decider = useDecide(() => void reload())
  useOnShow(() => void load(null))
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'hh-pending-page hh-big-targets')}>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '没有待审批的资金记录' }}>
        {(l) => (
          <View data-count={l.items.length} data-total={l.last.total}>
            <Summary page={l.last} />
            {l.items.map((item) => (
              <PendingCard key={item.entry.id} item={item} decider={decider} onOpen={() => void Taro.navigateTo({ url: ROUTES.household(item.entry.householdId) })} />
            ))}
            <LoadMore list={l} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

function Summary({ page }: { page: PendingLedgerPage }) {
  return (
    <View className='hh-pending-summary' data-approvable={page.approvable}>
      <Text className='hh-list-count'>
        共 {page.total} 笔待审批{page.approvable > 0 ? `，您可审批 ${page.approvable} 笔` : ''}
      </Text>
      <Text className='hh-entry__line'>审批通过后才计入发放合计、统计和导出；不能审批自己登记的记录。</Text>
    </View>
  )
}
