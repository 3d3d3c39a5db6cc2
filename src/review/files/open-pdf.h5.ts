/** Browser: downloads the PDF through a temporary link (the browser's viewer opens it from there). */
export async function openPdf(fileName: string, base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return `已下载 ${a.download}`
}
