import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import Banner from '@/components/banner'
import StatusTag from '@/components/status-tag'
import type { CaseView, PackedCase } from '@/domain/api/review'
import { pageClass } from '@/hooks/use-large-text'
import { packLabel } from '@/offline/field-packs'
import { formatDate } from '@/text/format'
import { onNetworkReturn } from '@/platform/network-return'
import { subjectOf } from '../offline/visit-pack'
import CaseActions from './case-actions'
import VisitForm from './forms/visit-form'
import KeptVisitCard from './kept-visit-card'
import { useDecision } from './use-decision'
import './forms/forms.css'

/** Props of the case shown from what was kept on the phone. */
export interface OfflineCaseProps {
  packed: PackedCase
  /** When the server read it. */
  at: string
  largeText: boolean
  /** Reads the case from the server again (the network returned). */
  reload: () => Promise<void>
  /** The visit reached the server: the case as it is now. */
  replace: (view: CaseView) => void
}

/**
 * A case opened without signal that was kept on the phone when the queue last showed: its summary
 * (masked), marked as kept data with the time it was read, and the home visit, filled and kept
 * 未上传 as on a case opened with signal. When the network returns the page reads the case again.
 */
export default function OfflineCase({ packed, at, largeText, reload, replace }: OfflineCaseProps) {
  const [active, setActive] = useState(false)
  const subject = subjectOf(packed)
  const d = useDecision(subject, { onDecided: replace, onConflict: () => void reload() })

  useEffect(
    () => onNetworkReturn(() => void reload()),
    // One listener for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  )

  return (
    <View className={pageClass(largeText, 'review-case with-action-bar')} data-case={packed.id} data-offline-pack={at} data-active={active ? 'recordVisit' : ''}>
      <Banner data={{ 'data-banner': 'offline-pack' }}>{packLabel(at)}：没有信号，显示的是手机上保存的案件摘要；入户调查可以照常填写，联网后自动上传</Banner>
      <View className='card case-header' data-status={packed.status} data-version={packed.version}>
        <View className='case-header__head'>
          <Text className='case-header__number'>{packed.number}</Text>
          <StatusTag status={packed.status} className='case-status' />
        </View>
        <Text className='case-header__name'>{packed.nameMasked}</Text>
        <Text className='case-header__line'>{packed.unitName}</Text>
        {packed.dueAt && <Text className='case-header__line'>本环节 {formatDate(packed.dueAt)} 前办结</Text>}
      </View>
      {active ? (
        <VisitForm view={subject} d={d} onCancel={() => setActive(false)} refresh={() => void reload()} />
      ) : (
        <>
          <KeptVisitCard view={{ application: subject.application, actions: ['recordVisit'] }} onSent={replace} onEdit={() => setActive(true)} onChanged={() => void reload()} />
          <CaseActions actions={['recordVisit']} busy={false} onStart={() => setActive(true)} />
        </>
      )}
    </View>
  )
}
