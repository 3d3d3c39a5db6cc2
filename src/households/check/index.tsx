import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import Banner from '@/components/banner'
import { LoadingPage } from '@/components/page-state'
import { checkComplete } from '@/domain/campaign'
import { SIX_ITEMS } from '@/domain/review'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { readParam, ROUTES } from '@/routes'
import HouseholdTags from '../components/household-tags'
import ItemRow from './item-row'
import OutcomeForm from './outcome-form'
import OutcomeView from './outcome-view'
import { useCheck } from './use-check'
import { forgetItem } from './kept-check'
import { packLabel } from '@/offline/field-packs'
import { onNetworkReturn } from '@/platform/network-return'
import '../households.css'
import './index.css'

/** 六清核查: one household's six items, then the conclusion (keep, or propose deregistration). */
export default function CheckPage() {
  const [largeText] = useLargeText()
  const params = useRouter().params
  const campaignId = readParam(params.campaignId)
  const householdId = readParam(params.householdId)
  const { state, busy, reload, write, confirmItem, keepDraft, sendKept, kept } = useCheck(campaignId, householdId)
  useOnShow(() => void reload().then(sendKept))
  // Items kept 未上传 go as soon as the network returns.
  useEffect(
    () => onNetworkReturn(() => void sendKept()),
    // One listener for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  )

  if (state.kind !== 'ready') return <LoadingPage state={state} onRetry={() => void reload()} />

  const { campaign, household, record, mayRecord } = state.data
  const outcome = record?.outcome ?? null
  const complete = record !== null && checkComplete(record)
  return (
    <View className={pageClass(largeText, 'hh-check')} data-complete={complete} data-outcome={outcome?.kind ?? ''}>
      <View className='card'>
        <View className='hh-entry__head'>
          <Text className='hh-entry__title'>
            {household.headNameMasked} · {household.number}
          </Text>
        </View>
        <Text className='hh-entry__line'>
          {household.unitName} · {household.memberCount}人 · {campaign.name}
        </Text>
        <HouseholdTags item={household} />
        <Button className='btn btn--secondary btn--small' data-link='household' onClick={() => void Taro.navigateTo({ url: ROUTES.household(household.id) })}>
          查看家庭档案
        </Button>
      </View>
      {state.data.offlineAt && <Banner data={{ 'data-banner': 'offline-pack' }}>{packLabel(state.data.offlineAt)}：没有信号，显示的是手机上保存的核查资料；核查可以照常登记，联网后自动上传</Banner>}
      {!mayRecord && !outcome && <Banner>{campaign.status === 'open' ? '您可以查看核查情况，核查由辖区工作人员登记' : '该活动已结束，不能再登记核查'}</Banner>}
      <View className='card' data-section='items'>
        <Text className='card__title'>六清核查</Text>
        {SIX_ITEMS.map((it) => (
          <ItemRow
            key={it.code}
            item={it.code}
            label={it.label}
            householdId={household.id}
            check={record?.items[it.code]}
            kept={kept?.fields.items[it.code]}
            onForget={() => (forgetItem(campaignId, householdId, it.code), void reload())}
            editable={mayRecord && !outcome}
            busy={busy}
            onSave={(answer) => confirmItem(it.code, answer)}
            onDraft={(answer) => keepDraft(it.code, answer)}
          />
        ))}
      </View>
      <View className='card' data-section='outcome'>
        <Text className='card__title'>核查结论</Text>
        {outcome && <OutcomeView outcome={outcome} />}
        {!outcome && !complete && <Text className='hh-empty'>六项都核实清楚后，再确定核查结论</Text>}
        {!outcome && complete && mayRecord && <OutcomeForm householdId={household.id} busy={busy} onSubmit={(o) => write('setOutcome', { outcome: o })} />}
      </View>
    </View>
  )
}
