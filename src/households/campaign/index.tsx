import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import Tag from '@/components/tag'
import Chip from '@/components/chip'
import { EmptyState, LoadMore, LoadingPage } from '@/components/page-state'
import { CAMPAIGN_STATUSES } from '@/domain/campaign'
import { SIX_ITEMS } from '@/domain/review'
import { labelOf } from '@/text/household-text'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { readParam, ROUTES } from '@/routes'
import ProgressList from './progress-list'
import { refreshCheckPack } from '../offline/check-pack'
import { countKeptChecks, sendAllKeptChecks } from '../check/kept-check'
import { onNetworkReturn } from '@/platform/network-return'
import '../households.css'
import './index.css'
import { formatDate } from '@/text/format'

const PAGE_SIZE = 20

const OUTCOME_TEXT = { keep: '保留在档', 'propose-deregistration': '提出注销' } as const

/** A campaign: its progress per unit, and the households to check (tap one to check it). */
export default function CampaignPage() {
  const [largeText] = useLargeText()
  const campaignId = readParam(useRouter().params.id)
  const [pendingOnly, setPendingOnly] = useState(false)
  const { list, load, more, reload } = usePages({
    first: 1,
    fetch: (pending: boolean, page) => api.households.campaign({ campaignId, page, pageSize: PAGE_SIZE, pendingOnly: pending }),
    items: (r) => r.households.items,
    next: (r, page, shown) => (shown < r.households.total ? page + 1 : null),
  })
  // With signal, the households still to check are kept on the phone for checks out of signal.
  // Checks kept 未上传 on the phone go up as the list shows, and when the network returns while it is open.
  const [kept, setKept] = useState(0)
  const sendKept = async () => {
    const before = countKeptChecks(campaignId)
    const left = await sendAllKeptChecks(campaignId)
    setKept(left)
    if (left < before) void load(pendingOnly)
  }
  useOnShow(() => void load(pendingOnly).then(() => refreshCheckPack(campaignId)).then(sendKept))
  useEffect(() => onNetworkReturn(() => void sendKept()))
  useReachBottom(more)

  if (list.kind !== 'ready') return <LoadingPage state={list} onRetry={() => void reload()} />
  const { campaign, households } = list.last
  return (
    <View className={pageClass(largeText, 'hh-campaign-page')} data-campaign={campaign.id} data-campaign-status={campaign.status}>
      <View className='card'>
        <View className='hh-entry__head'>
          <Text className='hh-entry__title'>{campaign.name}</Text>
          <Tag tone={campaign.status === 'open' ? 'done' : 'muted'}>{labelOf(CAMPAIGN_STATUSES, campaign.status)}</Tag>
        </View>
        <Text className='hh-entry__line'>
          {formatDate(campaign.startsOn)} 至 {formatDate(campaign.endsOn)} · {campaign.createdByName} 发起
        </Text>
      </View>
      <ProgressList view={list.last} />
      <View className='chip-row hh-list-tools'>
        <Chip
          label='只看未核查完的'
          on={pendingOnly}
          onTap={() => {
            setPendingOnly(!pendingOnly)
            void load(!pendingOnly)
          }}
          data={{ 'data-filter': 'pending' }}
        />
      </View>
      {kept > 0 && (
        <Text className='hh-list-count' data-kept-checks={kept}>
          本机有{kept}户的核查未上传，打开该户可查看
        </Text>
      )}
      <Text className='hh-list-count'>共 {households.total} 户</Text>
      {list.items.length === 0 && <EmptyState message={pendingOnly ? '全部家庭都已核查完' : '核查范围内没有家庭'} />}
      {list.items.map((h) => (
        <View key={h.householdId} className='card card--item hh-check-row' hoverClass='card--pressed' data-household={h.householdId} data-outcome={h.outcome ?? ''} onClick={() => void Taro.navigateTo({ url: ROUTES.check(campaign.id, h.householdId) })}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>
              {h.headNameMasked} · {h.number}
            </Text>
          </View>
          <Text className='hh-entry__line'>{h.unitName}</Text>
          <Tag tone={h.itemsConfirmed === SIX_ITEMS.length ? 'done' : 'muted'}>
            六清 {h.itemsConfirmed}/{SIX_ITEMS.length}
          </Tag>
          {h.outcome && <Tag tone={h.outcome === 'keep' ? 'info' : 'pending'}>{OUTCOME_TEXT[h.outcome]}</Tag>}
        </View>
      ))}
      <LoadMore list={list} onMore={more} />
    </View>
  )
}
