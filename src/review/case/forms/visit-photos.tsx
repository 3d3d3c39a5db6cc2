import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Field from '@/components/field'
import { MAX_DOCUMENT_BYTES } from '@/domain/documents'
import type { KeptPhoto } from '@/offline/kept-forms'
import type { PickedFile } from '@/platform/file-types'
import { pickFiles } from '@/platform/pick-files'

/** At most this many photos per visit (the contract's limit). */
export const MAX_VISIT_PHOTOS = 9

/** Props of the visit photos. */
export interface VisitPhotosProps {
  photos: KeptPhoto[]
  /** Photos picked: the form keeps them on the phone and uploads them when it can. */
  onAdd: (files: PickedFile[]) => void
  onRemove: (key: string) => void
  error?: string
}

/** Photos taken at the visit: kept on the phone as taken, each marked 未上传 until the server has it. */
export default function VisitPhotos({ photos, onAdd, onRemove, error }: VisitPhotosProps) {
  const add = async () => {
    const room = MAX_VISIT_PHOTOS - photos.length
    if (room <= 0) return void Taro.showToast({ title: `最多${MAX_VISIT_PHOTOS}张照片`, icon: 'none' })
    const files = await pickFiles('photos', room)
    const big = files.filter((f) => f.size > MAX_DOCUMENT_BYTES)
    if (big.length) void Taro.showToast({ title: '照片不能超过10 MB', icon: 'none' })
    onAdd(files.filter((f) => f.size <= MAX_DOCUMENT_BYTES))
  }
  return (
    <Field
      field='photoIds'
      label={`走访照片（可不传，最多${MAX_VISIT_PHOTOS}张）`}
      error={error}
      aside={
        <Button className='btn btn--secondary btn--small' data-upload='visit' onClick={() => void add()}>
          拍照
        </Button>
      }
    >
      {photos.map((p) => (
        <View key={p.key} className={p.photoId ? 'case-photo' : 'case-photo case-photo--pending'} data-photo={p.photoId ?? ''} data-kept={p.key}>
          <Text className='case-photo__name'>{p.photoId ? `✓ ${p.name}` : p.name}</Text>
          {!p.photoId && <Text className='muted case-photo__state'>未上传</Text>}
          <Text className='case-photo__remove' onClick={() => onRemove(p.key)}>
            移除
          </Text>
        </View>
      ))}
    </Field>
  )
}
