import type { SheetTable } from '../csv'
import type { SheetLimits } from '../sheet-limits'

/** What the reading thread is given. */
export interface SheetJob {
  format: 'csv' | 'xlsx'
  bytes: Uint8Array
  limits: SheetLimits
}

/** What it answers: the table, a refusal in Chinese (with its line when there is one), or an unexpected error's name. */
export type SheetOutcome =
  | { ok: true; table: SheetTable }
  | { ok: false; message: string; line?: number }
  | { ok: false; internal: string }
