import type { DocumentKind } from '@/domain/documents'

/** A file the worker picked: a temporary path in WeChat, a Blob in the browser. */
export interface PickedFile {
  name: string
  size: number
  /** WeChat: the temporary file path. */
  path?: string
  /** Browser: the file itself. */
  blob?: Blob
}

/** Where a file goes: the application being filled and the kind of document. */
export interface UploadTarget {
  applicationId: string
  kind: DocumentKind
}

/** Called with the share uploaded so far, 0-100. */
export type OnProgress = (percent: number) => void
