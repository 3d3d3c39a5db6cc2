import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Banner from '@/components/banner'
import { LoadingPage } from '@/components/page-state'
import type { CaseAction, CaseView } from '@/domain/api/review'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { missing, useLoader } from '@/hooks/use-loader'
import { useOnShow } from '@/hooks/use-on-show'
import { readParam } from '@/routes'
import CaseActions from './case-actions'
import CaseDetail from './case-detail'
import ActiveForm from './active-form'
import CaseHeader from './sections/case-header'
import FieldSection from './field-section'
import KeptVisitCard from './kept-visit-card'
import OfflineCase from './offline-case'
import { readKeptVisit } from '../offline/kept-visit'
import { readPackedCase } from '../offline/visit-pack'
import { NETWORK_FAILURE } from '@/api/reply'
import { useDecision } from './use-decision'
import './index.css'
import { confirmAction } from '@/components/confirm'

const NETWORK_MESSAGE = NETWORK_FAILURE.ok ? '' : NETWORK_FAILURE.error.message

/** What the staff member sees after someone else changed the case first. */
export const CONFLICT_TEXT = '案件已被他人处理，已为您刷新'

const DONE: Record<CaseAction, string> = {
  startScreening: '已开始初审',
  acceptScreening: '初审已通过',
  returnToWorker: '已退回申请人修改',
  reject: '已作出不予通过决定',
  recordVisit: '入户调查已记录',
  recordFinanceCheck: '核对结果已保存',
  startNotice: '已开始公示',
  recordObjection: '异议已登记',
  approveAndFile: '已审批建档',
}

const scrollTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })

/** 案件办理: the whole case for the caseworker or reviewer, and only the decisions they may take now. */
export default function ReviewCasePage() {
  const [largeText] = useLargeText()
  const id = readParam(useRouter().params.id)
  const [state, reload, replace] = useLoader(() => (id ? api.review.getCase({ id }) : missing('没有找到这个案件')))

  useOnShow(() => void reload())

  if (state.kind !== 'ready') {
    // Opened without signal: a case kept on the phone for the visit is shown from there.
    const offline = state.kind === 'error' && state.message === NETWORK_MESSAGE ? readPackedCase(id) : null
    if (offline) return <OfflineCase packed={offline.packed} at={offline.at} largeText={largeText} reload={reload} replace={replace} />
    // Otherwise a visit kept for this case is safe on the phone, and says so.
    const kept = state.kind === 'error' ? readKeptVisit(id) : null
    return (
      <>
        {kept && <Banner data={{ 'data-banner': 'kept-offline' }}>本机保存着这个案件的入户调查记录（未上传），有信号后打开本页会自动上传</Banner>}
        <LoadingPage state={state} onRetry={() => void reload()} />
      </>
    )
  }
  return <CaseScreen view={state.data} largeText={largeText} reload={reload} replace={replace} />
}

interface CaseScreenProps {
  view: CaseView
  largeText: boolean
  reload: () => Promise<void>
  replace: (view: CaseView) => void
}

function CaseScreen({ view, largeText, reload, replace }: CaseScreenProps) {
  const [active, setActive] = useState<CaseAction | null>(null)
  const [banner, setBanner] = useState('')
  const d = useDecision(view, {
    onDecided: (next, action) => {
      replace(next)
      setActive(null)
      setBanner('')
      scrollTop()
      void Taro.showToast({ title: DONE[action], icon: 'success', duration: 2000 })
    },
    onConflict: () => {
      setActive(null)
      setBanner(CONFLICT_TEXT)
      scrollTop()
      void reload()
      void Taro.showToast({ title: CONFLICT_TEXT, icon: 'none', duration: 3000 })
    },
  })

  const start = async (action: CaseAction) => {
    if (action === 'startScreening') return void d.submit('startScreening', {})
    if (action === 'startNotice') {
      const confirmed = await confirmAction({
        title: '开始公示',
        content: `将在工会内公示${view.publicityDays}天（仅显示姓氏、单位和困难类别）。公示期满无异议后可审批建档。`,
        confirmText: `公示${view.publicityDays}天`,
      })
      if (confirmed) void d.submit('startNotice', {})
      return
    }
    setBanner('')
    setActive(action)
    scrollTop()
  }

  const withBar = active !== null || view.actions.length > 0
  return (
    <View className={pageClass(largeText, withBar ? 'review-case with-action-bar' : 'review-case')} data-case={view.application.id} data-active={active ?? ''}>
      {banner && (
        <Banner data={{ 'data-banner': 'conflict' }}>
          {banner}
        </Banner>
      )}
      <CaseHeader view={view} />
      {!active && <KeptVisitCard view={view} onSent={replace} onEdit={() => void start('recordVisit')} onChanged={() => void reload()} />}
      {active ? (
        <ActiveForm action={active} view={view} d={d} onCancel={() => setActive(null)} refresh={() => void reload()} />
      ) : (
        <>
          <CaseDetail view={view} />
          <FieldSection view={view} replace={replace} />
          <CaseActions actions={view.actions} busy={d.busy} onStart={(a) => void start(a)} />
        </>
      )}
    </View>
  )
}
