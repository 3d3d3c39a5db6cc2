import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import Field from '@/components/field'
import { MAX_DOCUMENT_BYTES, type DocumentView } from '@/domain/documents'
import type { PickedFile } from '@/platform/file-types'
import { pickFiles } from '@/platform/pick-files'
import { upload } from '@/platform/upload'

/** At most this many photos per visit (the contract's limit). */
export const MAX_VISIT_PHOTOS = 9

interface Pending {
  key: string
  file: PickedFile
  percent: number
  error?: string
}

/** Props of the visit photos. */
export interface VisitPhotosProps {
  applicationId: string
  photos: DocumentView[]
  onPhotos: (photos: DocumentView[]) => void
  /** A photo was registered on the case. */
  onUploaded: () => void
  error?: string
}

/** Photos taken at the visit, uploaded one by one with progress and a retry; they join the record when it is saved. */
export default function VisitPhotos({ applicationId, photos, onPhotos, onUploaded, error }: VisitPhotosProps) {
  const [pending, setPending] = useState<Pending[]>([])
  const photosRef = useRef(photos)
  photosRef.current = photos
  const patch = (key: string, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)))

  const send = async (item: Pending) => {
    patch(item.key, { percent: 0, error: undefined })
    if (item.file.size > MAX_DOCUMENT_BYTES) return patch(item.key, { error: '照片不能超过10 MB' })
    const reply = await upload({ purpose: 'visit', applicationId }, item.file, (percent) => patch(item.key, { percent }))
    if (!reply.ok) return patch(item.key, { error: reply.error.message })
    photosRef.current = [...photosRef.current, reply.data]
    onPhotos(photosRef.current)
    onUploaded()
    setPending((list) => list.filter((p) => p.key !== item.key))
  }

  const add = async () => {
    const room = MAX_VISIT_PHOTOS - photos.length - pending.length
    if (room <= 0) return void Taro.showToast({ title: `最多${MAX_VISIT_PHOTOS}张照片`, icon: 'none' })
    const files = await pickFiles('photos', room)
    const items = files.map((file, i) => ({ key: `${Date.now()}-${i}`, file, percent: 0 }))
    setPending((list) => [...list, ...items])
    for (const item of items) await send(item)
  }

  return (
    <Field
      field='photoIds'
      label={`走访照片（可不传，最多${MAX_VISIT_PHOTOS}张）`}
      error={error}
      aside={
        <Button className='btn btn--secondary btn--small' data-upload='visit' onClick={() => void add()}>
          拍照上传
        </Button>
      }
    >
      {photos.map((p) => (
        <View key={p.id} className='case-photo' data-photo={p.id}>
          <Text className='case-photo__name'>✓ {p.fileName}</Text>
          <Text className='case-photo__remove' onClick={() => onPhotos(photos.filter((x) => x.id !== p.id))}>
            移除
          </Text>
        </View>
      ))}
      {pending.map((p) => (
        <View key={p.key} className='case-photo case-photo--pending' data-pending={p.key}>
          <Text className='case-photo__name'>{p.file.name}</Text>
          {p.error ? (
            <View className='case-photo__failed'>
              <Text className='field-error'>{p.error}</Text>
              <Text className='case-photo__remove' onClick={() => void send(p)}>
                重试
              </Text>
              <Text className='case-photo__remove' onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                取消
              </Text>
            </View>
          ) : (
            <Text className='muted'>{p.percent}%</Text>
          )}
        </View>
      ))}
    </Field>
  )
}
