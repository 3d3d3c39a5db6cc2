import { MAX_DOCUMENT_BYTES, sniffDocumentType } from '../../../src/domain/documents'

/** What is wrong with an uploaded photo's bytes (`what` names it: 走访照片, 佐证照片), or null: JPG or PNG by its bytes, not empty, at most 10 MB. */
export function photoProblem(bytes: Uint8Array, what: string): string | null {
  if (bytes.length === 0) return '文件是空的，请重新选择'
  if (bytes.length > MAX_DOCUMENT_BYTES) return '照片不能超过10MB'
  const type = sniffDocumentType(bytes)
  return type === 'image/jpeg' || type === 'image/png' ? null : `${what}只能是JPG或PNG图片`
}
