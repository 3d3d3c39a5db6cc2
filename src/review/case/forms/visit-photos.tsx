import PhotoField from '@/components/photo-field'
import type { KeptPhoto } from '@/offline/kept-forms'
import type { PickedFile } from '@/platform/file-types'

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
  return (
    <PhotoField
      field='photoIds'
      label={`走访照片（可不传，最多${MAX_VISIT_PHOTOS}张）`}
      photos={photos}
      max={MAX_VISIT_PHOTOS}
      pickText='拍照'
      marker='visit'
      onAdd={onAdd}
      onRemove={onRemove}
      error={error}
    />
  )
}
