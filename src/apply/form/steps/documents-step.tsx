import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { DOCUMENT_KINDS, documentKindLabel, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS, type DocumentKind, type DocumentView } from '@/domain/documents'
import { api } from '@/api'
import { AUTHORISATION_KIND } from '@/domain/assisted'
import { upload } from '@/platform/upload'
import type { PickedFile } from '@/platform/file-types'
import { pickFiles } from '@/platform/pick-files'
import { pressable } from '@/components/pressable'
import { confirmAction } from '@/components/confirm'

/** A file on its way up: its progress, or why it failed (and a retry). */
interface Pending {
  key: string
  kind: DocumentKind
  file: PickedFile
  percent: number
  error?: string
  /** The failure may pass on another try (the network); a refused file (its type, its size) will not. */
  retry?: boolean
}

/** Replies that refuse the file itself: trying the same file again cannot help. */
const REFUSED: ReadonlySet<string> = new Set(['VALIDATION', 'FORBIDDEN'])

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)

export interface DocumentsStepProps {
  documents: DocumentView[]
  onDocuments: (docs: DocumentView[]) => void
  /** Saves the draft on the server first (uploads attach to it); the draft's id, or null offline. */
  ensureSaved: () => Promise<string | null>
  /** Kinds worth a reminder (from the answers so far). */
  suggested: readonly DocumentKind[]
  /** 代为申请: the assisted application a caseworker types. */
  assisted?: string
}

/** Photos or PDFs of the supporting documents, uploaded one by one with progress and a retry. */
export default function DocumentsStep({ documents, onDocuments, ensureSaved, suggested, assisted }: DocumentsStepProps) {
  const [pending, setPending] = useState<Pending[]>([])
  const docsRef = useRef(documents)
  docsRef.current = documents

  const patch = (key: string, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))

  const send = async (item: Pending) => {
    patch(item.key, { percent: 0, error: undefined })
    if (item.file.size > MAX_DOCUMENT_BYTES) return patch(item.key, { error: '文件不能超过10 MB，请压缩后重新选择', retry: false })
    const applicationId = await ensureSaved()
    if (!applicationId) return patch(item.key, { error: '网络连接失败，请检查网络后重试', retry: true })
    const reply = await upload({ purpose: 'document', applicationId, kind: item.kind, ...(assisted ? { assisted } : {}) }, item.file, (percent) => patch(item.key, { percent }))
    if (!reply.ok) return patch(item.key, { error: reply.error.message, retry: !REFUSED.has(reply.error.code) })
    docsRef.current = [...docsRef.current, reply.data]
    onDocuments(docsRef.current)
    setPending((list) => list.filter((p) => p.key !== item.key))
  }

  const add = async (kind: DocumentKind) => {
    const room = MAX_DOCUMENTS - documents.length - pending.length
    if (room <= 0) return void Taro.showToast({ title: `最多上传${MAX_DOCUMENTS}个文件`, icon: 'none' })
    const files = await pickFiles('documents', Math.min(room, 9))
    const items = files.map((file, i) => ({ key: `${Date.now()}-${i}`, kind, file, percent: 0 }))
    setPending((list) => [...list, ...items])
    for (const item of items) await send(item)
  }

  const remove = async (doc: DocumentView, applicationId: string | null) => {
    const confirmed = await confirmAction({ title: '删除材料', content: `删除“${doc.fileName}”后需要重新上传。`, confirmText: '删除', danger: true })
    if (!confirmed || !applicationId) return
    const reply = await api.applicant.removeDocument({ applicationId, documentId: doc.id, ...(assisted ? { assisted } : {}) })
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none' })
    onDocuments(documents.filter((d) => d.id !== doc.id))
  }

  return (
    <View className='documents'>
      <Text className='apply-form__lead'>
        请上传证明材料的照片或 PDF，每个文件不超过10 MB，共不超过{MAX_DOCUMENTS}个。材料不全也可以先提交，工作人员会联系您补充。
      </Text>
      {DOCUMENT_KINDS.map(({ code, label }) => {
        const mine = documents.filter((d) => d.kind === code)
        const waiting = pending.filter((p) => p.kind === code)
        // The authorisation is asked of those typing for a worker only.
        if (code === AUTHORISATION_KIND && !suggested.includes(code) && !mine.length) return null
        return (
          <View key={code} className='card documents__kind' data-kind={code}>
            <View className='documents__head'>
              <View className='documents__title'>
                <Text className='documents__label'>{label}</Text>
                {suggested.includes(code) && !mine.length && <Text className='documents__suggested'>建议上传</Text>}
              </View>
              <Button className='btn btn--secondary btn--small documents__add' data-upload={code} onClick={() => void add(code)}>
                上传
              </Button>
            </View>
            {mine.map((d) => (
              <View key={d.id} className='documents__file' data-document={d.id}>
                <Text className='documents__name'>✓ {d.fileName}</Text>
                <Text className='documents__size muted'>{sizeText(d.size)}</Text>
                <Text className='documents__remove' {...pressable(`删除${d.fileName}`)} onClick={() => void ensureSaved().then((id) => remove(d, id))}>
                  删除
                </Text>
              </View>
            ))}
            {waiting.map((p) => (
              <View key={p.key} className='documents__file documents__file--pending' data-pending={p.key}>
                <Text className='documents__name'>{p.file.name}</Text>
                {p.error ? (
                  <View className='documents__failed'>
                    <Text className='field-error' data-refused={p.retry ? 'false' : 'true'}>{p.error}</Text>
                    {p.retry && (
                      <Button className='btn btn--primary btn--small documents__retry' onClick={() => void send(p)}>
                        重试
                      </Button>
                    )}
                    <Text className='documents__remove' {...pressable(`${p.retry ? '取消' : '移除'}${p.file.name}`)} onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                      {p.retry ? '取消' : '移除'}
                    </Text>
                  </View>
                ) : (
                  <View className='documents__progress'>
                    <View className='documents__track'>
                      <View className='documents__fill' style={{ width: `${p.percent}%` }} />
                    </View>
                    <Text className='muted'>{p.percent}%</Text>
                  </View>
                )}
              </View>
            ))}
          </View>
        )
      })}
      <Text className='muted documents__count'>
        已上传 {documents.length} 个文件{documents.length ? `：${[...new Set(documents.map((d) => documentKindLabel(d.kind)))].join('、')}` : ''}
      </Text>
    </View>
  )
}
