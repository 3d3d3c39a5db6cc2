import type { PickedFile } from '@/services/upload-types'

/** Browser: a file input for pictures and PDFs (the server checks the bytes, not the name). */
export function pickFiles(count: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf'
    input.multiple = count > 1
    input.style.display = 'none'
    input.setAttribute('data-picker', 'documents')
    const done = (files: PickedFile[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => done(Array.from(input.files ?? []).slice(0, count).map((f) => ({ name: f.name, size: f.size, blob: f }))))
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}
