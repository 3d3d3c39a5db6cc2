import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '@/api'
import { showDocument } from '@/platform/view-document'

/** An image being looked at on the page (the browser; WeChat shows it in its own viewer). */
export interface ShownImage {
  fileName: string
  /** The document's temporary link. */
  src: string
}

/** Opens a document or visit photo through a temporary link made for this view (and audited). */
export function useDocumentViewer(applicationId: string): { image: ShownImage | null; loadingId: string | null; open: (documentId: string) => Promise<void>; close: () => void } {
  const [image, setImage] = useState<ShownImage | null>(null)
  const [loadingId, setLoadingId] = useState<string | null>(null)
  const open = async (documentId: string) => {
    if (loadingId) return
    setLoadingId(documentId)
    const reply = await api.review.viewDocument({ id: applicationId, documentId })
    if (!reply.ok) {
      setLoadingId(null)
      return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    }
    try {
      const shown = await showDocument(reply.data)
      if (shown.kind === 'image') setImage({ fileName: reply.data.fileName, src: shown.src })
      else if (shown.said) void Taro.showToast({ title: shown.said, icon: 'none', duration: 2500 })
    } catch {
      void Taro.showToast({ title: '无法打开该文件，请稍后重试', icon: 'none' })
    }
    setLoadingId(null)
  }
  return { image, loadingId, open, close: () => setImage(null) }
}
