import PhotoField from '@/components/photo-field'
import { MAX_EVIDENCE_PHOTOS, type useEvidencePhotos } from './use-evidence-photos'

interface Props {
  /** The form field its error belongs to (the proposal's `evidenceIds`, the check's `outcome.evidenceIds`). */
  field: string
  evidence: ReturnType<typeof useEvidencePhotos>
  error?: string
  /** Called after photos were picked, to clear the form's message. */
  onPicked: () => void
}

/** The proof photos a deregistration proposal needs, the same on the household file and in the 户户清 check. */
export default function DeregistrationProof({ field, evidence, error, onPicked }: Props) {
  return (
    <PhotoField
      field={field}
      label='脱困证明'
      hint='至少1张，如收入证明、劳动合同、社保缴费记录'
      photos={evidence.photos}
      max={MAX_EVIDENCE_PHOTOS}
      pickText='拍照/选择照片'
      marker='evidence'
      onAdd={(files) => (void evidence.add(files), onPicked())}
      onRemove={evidence.remove}
      error={error}
    />
  )
}
