import type { ChosenFile } from './types'

/** Browser: a hidden file input for a CSV or XLSX file, read as base64; null when cancelled. */
export function pickStationFile(): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.style.display = 'none'
    input.setAttribute('data-picker', 'station-file')
    const done = (file: ChosenFile | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return done(null)
      const reader = new FileReader()
      reader.onload = () => {
        const url = String(reader.result)
        done({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1) })
      }
      reader.onerror = () => done(null)
      reader.readAsDataURL(file)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}
