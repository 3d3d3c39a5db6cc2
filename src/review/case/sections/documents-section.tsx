import { pressable } from '@/components/pressable'
import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { documentKindLabel, type DocumentView } from '@/domain/documents'
import { formatDateTime } from '@/text/format'

/** Props of the documents and photos. */
export interface DocumentsSectionProps {
  view: CaseView
  /** The document being fetched, if any. */
  loadingId: string | null
  onOpen: (documentId: string) => void
}

/** The worker's supporting documents and the home-visit photos, each opened with one tap. */
export default function DocumentsSection({ view, loadingId, onOpen }: DocumentsSectionProps) {
  const docs = view.application.documents
  return (
    <View>
      <View className='card' data-section='documents'>
        <Text className='card__title'>证明材料（{docs.length}个）</Text>
        {docs.length === 0 && <Text className='muted'>申请人未上传材料</Text>}
        {docs.map((d) => (
          <DocumentLine key={d.id} doc={d} title={documentKindLabel(d.kind)} loading={loadingId === d.id} onOpen={onOpen} />
        ))}
      </View>
      {view.visitPhotos.length > 0 && (
        <View className='card' data-section='visit-photos'>
          <Text className='card__title'>走访照片（{view.visitPhotos.length}张）</Text>
          {view.visitPhotos.map((d) => (
            <DocumentLine key={d.id} doc={d} title={formatDateTime(d.uploadedAt)} loading={loadingId === d.id} onOpen={onOpen} />
          ))}
        </View>
      )}
    </View>
  )
}

function DocumentLine({ doc, title, loading, onOpen }: { doc: DocumentView; title: string; loading: boolean; onOpen: (id: string) => void }) {
  const pdf = doc.contentType === 'application/pdf'
  return (
    <View className='case-doc' data-document={doc.id}>
      <View className='case-doc__body'>
        <Text className='case-doc__kind'>{title}</Text>
        <Text className='case-doc__name'>
          {pdf ? 'PDF · ' : ''}
          {doc.fileName}
        </Text>
      </View>
      <Text className='reveal-row__action case-doc__open' data-open={doc.id} {...pressable(`${pdf ? '下载' : '查看'}${title}`)} onClick={() => onOpen(doc.id)}>
        {loading ? '打开中…' : pdf ? '下载' : '查看'}
      </Text>
    </View>
  )
}
