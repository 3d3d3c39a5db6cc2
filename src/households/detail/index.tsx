import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Banner from '@/components/banner'
import { LoadingPage } from '@/components/page-state'
import type { HouseholdAction, HouseholdView } from '@/domain/api/households'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { missing, useLoader } from '@/hooks/use-loader'
import { useOnShow } from '@/hooks/use-on-show'
import { readParam } from '@/routes'
import CadresSection from './sections/cadres-section'
import ContactsSection from './sections/contacts-section'
import DeregistrationSection from './sections/deregistration-section'
import HeaderSection from './sections/header-section'
import HistorySection from './sections/history-section'
import LedgerSection from './sections/ledger-section'
import MeasuresSection from './sections/measures-section'
import type { FileSectionProps } from './sections/types'
import { useAct } from './use-act'
import '../households.css'
import './index.css'

/** What the staff member sees after someone else changed the file first. */
export const CONFLICT_TEXT = '档案已被他人更新，已为您刷新'

const DONE: Record<HouseholdAction, string> = {
  addMeasure: '措施已添加',
  updateMeasure: '进展已保存',
  recordPayment: '发放已登记',
  reversePayment: '冲正已登记',
  addContact: '联系已记录',
  assignCadre: '结对已确定',
  removeCadre: '已解除结对',
  proposeDeregistration: '注销申请已提交',
  decideDeregistration: '审批已提交',
}

/** 家庭档案: the whole file of one household, and only the changes the staff member may make. */
export default function HouseholdPage() {
  const [largeText] = useLargeText()
  const id = readParam(useRouter().params.id)
  const [state, reload, replace] = useLoader(() => (id ? api.households.get({ householdId: id }) : missing('没有找到这户家庭')))
  useOnShow(() => void reload())

  if (state.kind !== 'ready') return <LoadingPage state={state} onRetry={() => void reload()} />
  return <FileScreen view={state.data} largeText={largeText} reload={reload} replace={replace} />
}

interface FileScreenProps {
  view: HouseholdView
  largeText: boolean
  reload: () => Promise<void>
  replace: (view: HouseholdView) => void
}

function FileScreen({ view, largeText, reload, replace }: FileScreenProps) {
  const [active, setActive] = useState<string | null>(null)
  const [banner, setBanner] = useState('')
  const act = useAct(view.id, {
    onDone: (next, action) => {
      replace(next)
      setActive(null)
      setBanner('')
      // A deregistration changes the file's head: show it.
      if (action === 'proposeDeregistration' || action === 'decideDeregistration') void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
      void Taro.showToast({ title: DONE[action], icon: 'success', duration: 2000 })
    },
    onConflict: (message) => {
      setActive(null)
      setBanner(`${message}。${CONFLICT_TEXT}`)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
      void reload()
    },
  })
  const props: FileSectionProps = {
    view,
    act,
    active,
    open: (key) => {
      act.reset()
      setBanner('')
      setActive(key)
    },
    close: () => {
      act.reset()
      setActive(null)
    },
  }
  return (
    <View className={pageClass(largeText, 'hh-detail')} data-active={active ?? ''}>
      {banner && (
        <Banner data={{ 'data-banner': 'conflict' }}>
          {banner}
        </Banner>
      )}
      <HeaderSection view={view} />
      <DeregistrationSection {...props} />
      <CadresSection {...props} />
      <MeasuresSection {...props} />
      <LedgerSection {...props} />
      <ContactsSection {...props} />
      <HistorySection history={view.history} />
    </View>
  )
}
