import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import Chip from '@/components/chip'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { CampaignHousehold, CampaignView } from '@/domain/api/households'
import { CAMPAIGN_STATUSES } from '@/domain/campaign'
import { SIX_ITEMS } from '@/domain/review'
import { labelOf } from '@/text/household-text'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { readParam, ROUTES } from '@/routes'
import ProgressList from './progress-list'
import '../households.css'
import './index.css'

const PAGE_SIZE = 20

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; view: CampaignView; items: CampaignHousehold[]; loadingMore: boolean }

const OUTCOME_TEXT = { keep: '保留在档', 'propose-deregistration': '提出注销' } as const

/** A campaign: its progress per unit, and the households to check (tap one to check it). */
export default function CampaignPage() {
  const [largeText] = useLargeText()
  const campaignId = readParam(useRouter().params.id)
  const [pendingOnly, setPendingOnly] = useState(false)
  const [state, setState] = useState<State>({ kind: 'loading' })
  const seq = useRef(0)

  const load = useCallback(
    async (pending: boolean, page: number, previous: CampaignHousehold[]) => {
      const mine = ++seq.current
      const reply = await api.households.campaign({ campaignId, page, pageSize: PAGE_SIZE, pendingOnly: pending })
      if (mine !== seq.current) return
      if (!reply.ok) return setState({ kind: 'error', message: reply.error.message })
      setState({ kind: 'ready', view: reply.data, items: [...previous, ...reply.data.households.items], loadingMore: false })
    },
    [campaignId],
  )
  useDidShow(() => void load(pendingOnly, 1, []))

  const more = () => {
    if (state.kind !== 'ready' || state.loadingMore || state.items.length >= state.view.households.total) return
    setState({ ...state, loadingMore: true })
    void load(pendingOnly, state.view.households.page + 1, state.items)
  }
  useReachBottom(more)

  if (state.kind === 'loading') return <View className={pageClass(largeText)}><Text className='state-text'>正在加载…</Text></View>
  if (state.kind === 'error') return <View className={pageClass(largeText)}><LoadError message={state.message} onRetry={() => void load(pendingOnly, 1, [])} /></View>

  const { campaign, households } = state.view
  return (
    <View className={pageClass(largeText, 'hh-campaign-page')} data-campaign={campaign.id} data-campaign-status={campaign.status}>
      <View className='card'>
        <View className='hh-entry__head'>
          <Text className='hh-entry__title'>{campaign.name}</Text>
          <Text className={campaign.status === 'open' ? 'hh-tag hh-tag--done' : 'hh-tag hh-tag--muted'}>{labelOf(CAMPAIGN_STATUSES, campaign.status)}</Text>
        </View>
        <Text className='hh-entry__line'>
          {campaign.startsOn} 至 {campaign.endsOn} · {campaign.createdByName} 发起
        </Text>
      </View>
      <ProgressList view={state.view} />
      <View className='hh-chips hh-list-tools'>
        <Chip
          label='只看未核查完的'
          on={pendingOnly}
          onTap={() => {
            setPendingOnly(!pendingOnly)
            setState({ kind: 'loading' })
            void load(!pendingOnly, 1, [])
          }}
          data={{ 'data-filter': 'pending' }}
        />
      </View>
      <Text className='hh-list-count'>共 {households.total} 户</Text>
      {state.items.length === 0 && <EmptyState message={pendingOnly ? '全部家庭都已核查完' : '核查范围内没有家庭'} />}
      {state.items.map((h) => (
        <View key={h.householdId} className='card hh-check-row' hoverClass='hh-row--pressed' data-household={h.householdId} data-outcome={h.outcome ?? ''} onClick={() => void Taro.navigateTo({ url: ROUTES.check(campaign.id, h.householdId) })}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>
              {h.headNameMasked} · {h.number}
            </Text>
          </View>
          <Text className='hh-entry__line'>{h.unitName}</Text>
          <Text className={h.itemsConfirmed === SIX_ITEMS.length ? 'hh-tag hh-tag--done' : 'hh-tag hh-tag--muted'}>
            六清 {h.itemsConfirmed}/{SIX_ITEMS.length}
          </Text>
          {h.outcome && <Text className={h.outcome === 'keep' ? 'hh-tag hh-tag--category' : 'hh-tag hh-tag--pending'}>{OUTCOME_TEXT[h.outcome]}</Text>}
        </View>
      ))}
      {state.items.length < households.total && (
        <Button className='btn btn--secondary' onClick={more} data-more>
          {state.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      )}
    </View>
  )
}
