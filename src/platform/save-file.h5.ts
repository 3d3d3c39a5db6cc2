import type { FileToSave } from './file-types'

/** Browser: downloads the bytes through a temporary link. */
function download(file: FileToSave): void {
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
}

/** Browser: downloads an export. */
export async function saveExport(file: FileToSave): Promise<string> {
  download(file)
  return `已下载 ${file.fileName}`
}

/** Browser: downloads the PDF (the browser's viewer opens it from there). */
export async function openPdf(fileName: string, base64: string): Promise<string> {
  const name = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`
  download({ fileName: name, mimeType: 'application/pdf', base64 })
  return `已下载 ${name}`
}
