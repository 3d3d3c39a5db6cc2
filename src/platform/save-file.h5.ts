import type { FileToDownload, FileToSave, SavedExport } from './file-types'

/** A browser has no chat to send to: the file is downloaded. */
export const canShareToChat = false

/** Browser: has the browser download `href` (a link of the server or a blob) under `fileName`. */
function download(href: string, fileName: string): SavedExport {
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { fileName, path: null, said: `已下载 ${fileName}` }
}

/** Browser: downloads the bytes through a temporary link. */
export async function keepExport(file: FileToSave): Promise<SavedExport> {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const saved = download(url, file.fileName)
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return saved
}

/** Browser: downloads an export straight from its link (the bytes never pass through the page). */
export async function downloadExport(file: FileToDownload): Promise<SavedExport> {
  return download(file.url, file.fileName)
}

/** Browser: the downloaded file opens from the browser's downloads. */
export async function openExport(): Promise<void> {}

/** Browser: nothing to share to. */
export async function shareExport(): Promise<void> {}
