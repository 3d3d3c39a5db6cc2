import type { FileToSave, SavedExport } from './file-types'

/** A browser has no chat to send to: the file is downloaded. */
export const canShareToChat = false

/** Browser: downloads the bytes through a temporary link. */
export async function keepExport(file: FileToSave): Promise<SavedExport> {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { fileName: file.fileName, path: null, said: `已下载 ${file.fileName}` }
}

/** Browser: the downloaded file opens from the browser's downloads. */
export async function openExport(): Promise<void> {}

/** Browser: nothing to share to. */
export async function shareExport(): Promise<void> {}
