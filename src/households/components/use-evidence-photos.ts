import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { KeptPhoto } from '@/offline/kept-forms'
import { forgetPhotos, keepPhotos, sendPhotos } from '@/offline/kept-photos'
import type { PickedFile } from '@/platform/file-types'
import { uploadEvidence } from '@/platform/upload'

/** At most this many evidence photos back one proposal (the contract's limit). */
export const MAX_EVIDENCE_PHOTOS = 9

/**
 * The proof photos of a deregistration proposal (脱困证明), with the same kept-photo code as the
 * visit and the check: kept as taken, uploaded on submit, each with its own request id so a
 * submit tried again uploads none twice.
 */
export function useEvidencePhotos(householdId: string) {
  const [photos, setPhotos] = useState<KeptPhoto[]>([])
  const add = async (files: PickedFile[]) => {
    const kept = await keepPhotos(files, '证明材料')
    setPhotos((p) => [...p, ...kept])
  }
  const remove = (key: string) => {
    void forgetPhotos(photos.filter((p) => p.key === key))
    setPhotos((p) => p.filter((x) => x.key !== key))
  }
  /** Uploads the photos not yet on the server; their ids, or null (a message was shown). */
  const upload = async (): Promise<string[] | null> => {
    const sent = await sendPhotos(photos, (file, requestId) => uploadEvidence({ purpose: 'evidence', householdId, requestId }, file, () => {}), setPhotos)
    setPhotos(sent.photos)
    if (!sent.ok) {
      void Taro.showToast({ title: sent.reply.error.message, icon: 'none', duration: 3000 })
      return null
    }
    return sent.photos.flatMap((p) => (p.photoId ? [p.photoId] : []))
  }
  return { photos, add, remove, upload }
}
