import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readCsvRecords } from '../../usecases/shared/csv'

/** A township-level unit of Mile city in the reference data: its GB/T 2260 code and name. */
export interface Township {
  code: string
  name: string
}

/** The township-level units of Mile city (mile-townships.csv beside this file), in file order. */
export function mileTownshipRows(): Township[] {
  const [, ...rows] = readCsvRecords(readFileSync(join(__dirname, 'mile-townships.csv')))
  return rows.map(({ cells: [code, name] }) => ({ code, name }))
}
