import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/routes'
import Banner from '@/components/banner'
import TurnCard from '@/components/turn-card'
import type { CaseView, ReviewEntryView } from '@/domain/api/review'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import ImageViewer from './image-viewer'
import ApplicantSection from './sections/applicant-section'
import DocumentsSection from './sections/documents-section'
import DuplicatesSection from './sections/duplicates-section'
import FinancesSection from './sections/finances-section'
import ChangesSection from './sections/changes-section'
import HistorySection from './sections/history-section'
import MembersSection from './sections/members-section'
import NoticeSection from './sections/notice-section'
import ProposedSection from './sections/proposed-section'
import { useDocumentViewer } from './use-document-viewer'
import { useReveal } from '@/components/reveal-row'
import './sections.css'

type FiledEntry = Extract<ReviewEntryView, { kind: 'filed' }>

/** Everything on the case, most decisive first: the notice, duplicates, the computation, then the form, documents and history. */
export default function CaseDetail({ view }: { view: CaseView }) {
  const revealer = useReveal(view.application.id)
  const viewer = useDocumentViewer(view.application.id)
  const filed = [...view.review].reverse().find((e): e is FiledEntry => e.kind === 'filed')
  const householdId = view.householdId ?? ''
  return (
    <View>
      {view.householdId && (
        <View className='case-filed-box'>
          <Banner className='case-filed' data={{ 'data-filed': filed?.category ?? '' }}>
            已建档{filed ? `（${hardshipCategoryLabel(filed.category)}）` : ''}，该户已纳入困难职工档案管理
          </Banner>
          <Button className='btn btn--secondary case-household-link' data-household-link={view.householdId} onClick={() => void Taro.navigateTo({ url: ROUTES.household(householdId) })}>
            查看家庭档案
          </Button>
        </View>
      )}
      <TurnCard turn={view.turn} mayAct={view.actions.length > 0} />
      <ChangesSection view={view} />
      <NoticeSection view={view} />
      <DuplicatesSection view={view} />
      <ProposedSection view={view} />
      <ApplicantSection view={view} revealer={revealer} />
      <MembersSection view={view} revealer={revealer} />
      <FinancesSection view={view} />
      <DocumentsSection view={view} loadingId={viewer.loadingId} onOpen={(docId) => void viewer.open(docId)} />
      <HistorySection view={view} />
      {viewer.image && <ImageViewer image={viewer.image} onClose={viewer.close} />}
    </View>
  )
}
