import type { PickedFile } from '@/services/upload-types'

/** Browser: a file input for photos (the server checks the bytes, not the name). */
export function pickPhotos(count: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,.jpg,.jpeg,.png'
    input.multiple = count > 1
    input.style.display = 'none'
    input.setAttribute('data-picker', 'visit-photos')
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
