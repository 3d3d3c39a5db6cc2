import type { DocumentKind } from '@/domain/documents'

/** A file the person picked: a temporary path in WeChat, a Blob in the browser. */
export interface PickedFile {
  name: string
  size: number
  /** WeChat: the temporary file path. */
  path?: string
  /** Browser: the file itself. */
  blob?: Blob
}

/** What the picker offers: a worker's supporting documents, a caseworker's visit photos, an admin's CSV or XLSX table. */
export type PickKind = 'documents' | 'photos' | 'table'

/** Where an uploaded file goes: a document of the application being filled, or a photo of a home visit. */
export type UploadTarget =
  | { purpose: 'document'; applicationId: string; kind: DocumentKind; /** 代为申请: the caseworker's assisted application. */ assisted?: string }
  | { purpose: 'visit'; applicationId: string; /** A kept photo sent again carries the id it was first sent with. */ requestId?: string }

/** Where an evidence photo goes: the household it backs (a 户户清 item answered 有变化, a deregistration proposal). */
export interface EvidenceTarget {
  purpose: 'evidence'
  householdId: string
  /** A kept photo sent again carries the id it was first sent with. */
  requestId?: string
}

/** Called with the share uploaded so far, 0-100. */
export type OnProgress = (percent: number) => void

/** A file to hand to the person (an export, a document to view), its bytes base64. */
export interface FileToSave {
  fileName: string
  mimeType: string
  base64: string
}

/** An export in the server's file store, reached through a link that ends within minutes. */
export interface FileToDownload {
  fileName: string
  mimeType: string
  url: string
}

/** An export kept where the platform keeps files: WeChat's user folder, or the browser's downloads. */
export interface SavedExport {
  fileName: string
  /** WeChat: the file's path in the user folder; null in a browser. */
  path: string | null
  /** What to tell the person, e.g. `已下载 户籍.xlsx`. */
  said: string
}

/** A photo kept on the phone for a form, as the form records it: its key, and WeChat's saved path. */
export interface KeptFileRef {
  key: string
  name: string
  size: number
  /** WeChat: the saved file's path. */
  path?: string
}

/** What keeping a picked file ended in: the file to record, and, when it could not be kept, why. */
export interface KeptFile {
  file: PickedFile
  /** Set when the phone could not keep it (storage full): it lasts only until the app closes. */
  problem?: string
}
