import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '@/api'
import { openPdf } from '@/platform/save-file'

/** An image being looked at. */
export interface ShownImage {
  fileName: string
  /** `data:image/...;base64,...`. */
  src: string
}

/** Fetches a document or visit photo: images are shown on the page, PDFs handed to the platform's viewer. */
export function useDocumentViewer(applicationId: string): { image: ShownImage | null; loadingId: string | null; open: (documentId: string) => Promise<void>; close: () => void } {
  const [image, setImage] = useState<ShownImage | null>(null)
  const [loadingId, setLoadingId] = useState<string | null>(null)
  const open = async (documentId: string) => {
    if (loadingId) return
    setLoadingId(documentId)
    const reply = await api.review.viewDocument({ id: applicationId, documentId })
    setLoadingId(null)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    const { contentType, fileName, dataBase64 } = reply.data
    if (contentType.startsWith('image/')) return setImage({ fileName, src: `data:${contentType};base64,${dataBase64}` })
    try {
      const said = await openPdf(fileName, dataBase64)
      void Taro.showToast({ title: said, icon: 'none', duration: 2500 })
    } catch {
      void Taro.showToast({ title: '无法打开该文件，请稍后重试', icon: 'none' })
    }
  }
  return { image, loadingId, open, close: () => setImage(null) }
}
