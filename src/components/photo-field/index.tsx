import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { confirmAction } from '@/components/confirm'
import Field from '@/components/field'
import { MAX_DOCUMENT_BYTES } from '@/domain/documents'
import type { KeptPhoto } from '@/offline/kept-forms'
import { thumbnailOf } from '@/offline/kept-photos'
import type { PickedFile } from '@/platform/file-types'
import { pickFiles } from '@/platform/pick-files'
import './index.css'

/** Props of a form's photos kept on the phone. */
export interface PhotoFieldProps {
  /** The input field it is (`photoIds`, `evidenceIds`): its message's `data-field`. */
  field: string
  label: string
  hint?: string
  photos: KeptPhoto[]
  /** At most this many (the contract's limit). */
  max: number
  /** The button's words: 拍照 for a visit, 拍照/选择照片 for evidence. */
  pickText: string
  /** `data-upload` of the button, for tests. */
  marker: string
  /** Photos picked: the form keeps them on the phone and uploads them when it can. */
  onAdd: (files: PickedFile[]) => void
  onRemove: (key: string) => void
  error?: string
}

/**
 * Photos of a field form (a home visit's, a 户户清 item's evidence): a thumbnail each, marked 未上传
 * until the server has it, removed only after a confirmation.
 */
export default function PhotoField({ field, label, hint, photos, max, pickText, marker, onAdd, onRemove, error }: PhotoFieldProps) {
  const add = async () => {
    const room = max - photos.length
    if (room <= 0) return void Taro.showToast({ title: `最多${max}张照片`, icon: 'none' })
    const files = await pickFiles('photos', room)
    const big = files.filter((f) => f.size > MAX_DOCUMENT_BYTES)
    if (big.length) void Taro.showToast({ title: '照片不能超过10 MB', icon: 'none' })
    onAdd(files.filter((f) => f.size <= MAX_DOCUMENT_BYTES))
  }
  const remove = async (p: KeptPhoto, n: number) => {
    const sure = await confirmAction({ title: `移除第${n}张照片？`, content: '移除后这张照片不会上传，需要时请重新拍照。', confirmText: '移除', danger: true })
    if (sure) onRemove(p.key)
  }
  return (
    <Field
      field={field}
      label={label}
      hint={hint}
      error={error}
      aside={
        <Button className='btn btn--secondary btn--small' data-upload={marker} onClick={() => void add()}>
          {pickText}
        </Button>
      }
    >
      {photos.length > 0 && (
        <View className='photo-field__grid'>
          {photos.map((p, i) => (
            <View key={p.key} className={p.photoId ? 'photo-field__photo' : 'photo-field__photo photo-field__photo--pending'} data-photo={p.photoId ?? ''} data-kept={p.key}>
              <Image className='photo-field__thumb' src={thumbnailOf(p)} mode='aspectFill' aria-label={`第${i + 1}张照片`} nativeProps={{ alt: `第${i + 1}张照片` }} />
              <Text className={p.photoId ? 'photo-field__state' : 'photo-field__state photo-field__state--pending'}>{p.photoId ? '已上传' : '未上传'}</Text>
              <Button className='btn btn--secondary btn--small photo-field__remove' data-action='remove-photo' aria-label={`移除第${i + 1}张照片`} onClick={() => void remove(p, i + 1)}>
                移除
              </Button>
            </View>
          ))}
        </View>
      )}
    </Field>
  )
}
