import type { PickedFile, PickKind } from './file-types'

/** What the browser's file input accepts for each kind (the server checks the bytes, not the name), and its `data-picker` for tests. */
const INPUTS: Record<PickKind, { accept: string; marker: string }> = {
  documents: { accept: 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf', marker: 'documents' },
  photos: { accept: 'image/jpeg,image/png,.jpg,.jpeg,.png', marker: 'visit-photos' },
  table: { accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', marker: 'station-file' },
}

/** Browser: a hidden file input; at most `count` files, none when cancelled. */
export function pickFiles(kind: PickKind, count: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = INPUTS[kind].accept
    input.multiple = count > 1
    input.style.display = 'none'
    input.setAttribute('data-picker', INPUTS[kind].marker)
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
