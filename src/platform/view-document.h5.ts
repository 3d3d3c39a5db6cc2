import type { DocumentLink } from '@/domain/api/review'
import type { ShownDocument } from './view-document-types'

/** Browser: a photo on the page from its temporary link; a PDF in the browser's own viewer in a new tab. */
export async function showDocument(link: DocumentLink): Promise<ShownDocument> {
  if (link.contentType.startsWith('image/')) return { kind: 'image', src: link.url }
  const a = document.createElement('a')
  a.href = link.url
  a.target = '_blank'
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { kind: 'native', said: `已在新窗口打开 ${link.fileName}` }
}
