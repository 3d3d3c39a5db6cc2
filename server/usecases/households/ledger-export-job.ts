import type { Actor } from '../../../src/domain'
import type { ExportJobView } from '../../../src/domain/api/households'
import type { CalendarDate } from '../../../src/domain/calendar'
import { MEASURE_KINDS } from '../../../src/domain/household-codes'
import { labelOf } from '../../../src/domain/form-codes'
import type { DisbursementEntry } from '../../../src/domain/ledger'
import { LEDGER_EXPORT_COLUMNS, ledgerExportRow } from '../../../src/domain/ledger-export'
import { AppError } from '../../../src/domain'
import type { CallContext, Deps, LedgerJobCursor, Repositories } from '../../ports'
import { householdRoot, requireStaff } from './access'
import { startExportJob, type ExportKind } from './export-job-parts'

/**
 * The aid ledger (帮扶资金台账) as an export job, for a jurisdiction and a ledger of any size: each
 * part reads the approved entries under the job's unit by day paid from the saved cursor (one
 * range of an index on both stores: SQLite's list of migration 56 with the entries from migration
 * 54's copy in the same order, CloudBase's `unitPath`), with each page's households' numbers and
 * names (`households.names`) and measures read by id. Names are masked and payee accounts are
 * stored masked, so there is nothing to reveal (src/domain/ledger-export.ts).
 */

/** Each measure's label (`kind：description`, '' when gone), read once per id and kept in `labels`. */
export async function measureLabels(repos: Repositories, entries: readonly DisbursementEntry[], labels: Map<string, string>): Promise<Map<string, string>> {
  const unknown = [...new Set(entries.map((e) => e.measureId).filter((id): id is string => id !== null && !labels.has(id)))]
  const found = new Map((await repos.measures.getMany(unknown)).map((m) => [m.id, m]))
  for (const id of unknown) {
    const m = found.get(id)
    labels.set(id, m ? `${labelOf(MEASURE_KINDS, m.kind)}：${m.description}` : '')
  }
  return labels
}

export const LEDGER_EXPORT: ExportKind = {
  stem: 'ledger',
  sheet: '帮扶资金台账',
  columns: LEDGER_EXPORT_COLUMNS,
  audit: 'ledger.export',
  async reader(deps, actor, job) {
    const repos = deps.store.repos
    await householdRoot(repos, actor, job.unitId)
    const labels = new Map<string, string>()
    return async (cursor, size) => {
      const { after } = cursor as LedgerJobCursor
      const entries = await repos.ledger.approvedUnder(job.unitId, job.range ?? {}, after, size)
      const files = new Map((await repos.households.names([...new Set(entries.map((e) => e.householdId))])).map((h) => [h.id, h]))
      await measureLabels(repos, entries, labels)
      const rows = entries.map((e) => ledgerExportRow(e, files.get(e.householdId) ?? null, e.measureId ? (labels.get(e.measureId) ?? '') : ''))
      const last = entries.at(-1)
      return { rows, next: entries.length === size && last ? { after: { paidOn: last.paidOn, id: last.id } } : null }
    }
  },
}

/** `startLedgerExport`: the ledger of the jurisdiction (or a unit's subtree in it) paid in [from, to], as a job answered at once. */
export async function startLedgerExport(deps: Deps, actor: Actor, input: { format: 'csv' | 'xlsx'; unitId?: string; from?: CalendarDate; to?: CalendarDate }, ctx: CallContext): Promise<ExportJobView> {
  requireStaff(actor)
  if (input.from && input.to && input.from > input.to) throw new AppError('VALIDATION', '结束日期不能早于开始日期', 'to')
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const range = { ...(input.from ? { from: input.from } : {}), ...(input.to ? { to: input.to } : {}) }
  const start = { kind: 'ledger' as const, format: input.format, masked: true, reason: null, unitId: root.id, range, cursor: { after: null } }
  return startExportJob(deps, actor, ctx, start, () => repos.ledger.countApprovedUnder(root.id, range))
}
