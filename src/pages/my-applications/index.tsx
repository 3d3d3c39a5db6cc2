import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import ApplicationItem from '@/components/application-item'
import PageState from '@/components/page-state'
import type { ApplicationSummary } from '@/domain/application'
import type { Page } from '@/domain/api/applicant'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import { useLoader, type LoadState } from '@/hooks/use-loader'
import { useOnShow } from '@/hooks/use-on-show'
import TakeOverCard from './take-over-card'

/** A worker keeps few applications (one open at a time): one page of the largest size holds them. */
const PAGE_SIZE = 50

const openApplication = (item: ApplicationSummary) =>
  void Taro.navigateTo({ url: item.status === 'draft' ? ROUTES.applyForm : ROUTES.application(item.id) })
const openForm = () => void Taro.navigateTo({ url: ROUTES.applyForm })

/** "我的申请": the worker's applications with their status, reloaded whenever the page shows. */
export default function MyApplicationsPage() {
  const [largeText] = useLargeText()
  const [state, reload] = useLoader(() => api.applicant.listMine({ page: 1, pageSize: PAGE_SIZE }))

  useOnShow(() => void reload())
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className={pageClass(largeText)}>
      <ApplicationList state={state} onRetry={() => void reload()} />
      <TakeOverCard onTaken={() => void reload()} />
    </View>
  )
}

// A deleted draft was never an application: it is not listed.
const listed = (page: Page<ApplicationSummary>) => page.items.filter((i) => !(i.status === 'withdrawn' && i.number.startsWith('DRAFT-')))

function ApplicationList({ state, onRetry }: { state: LoadState<Page<ApplicationSummary>>; onRetry: () => void }) {
  return (
    <PageState state={state} onRetry={onRetry} isEmpty={(s) => listed(s.data).length === 0} empty={{ message: '您还没有提交过帮扶申请', actionText: '申请帮扶', onAction: openForm }}>
      {(s) => <Applications page={s.data} />}
    </PageState>
  )
}

function Applications({ page }: { page: Page<ApplicationSummary> }) {
  const items = listed(page)
  return (
    <View className='application-list'>
      {items.map((item) => (
        <ApplicationItem key={item.id} item={item} onTap={openApplication} />
      ))}
      {page.total > page.items.length && <Text className='state-text'>仅显示最近 {page.items.length} 条申请</Text>}
    </View>
  )
}
