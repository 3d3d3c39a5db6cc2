import { FUND_SOURCES } from './household-codes'
import { labelOf } from './form-codes'
import { fenToYuan2, type ExportColumn } from './household-export'
import type { DisbursementEntry } from './ledger'
import { maskName } from './mask'

/**
 * The aid ledger export (帮扶资金台账): one row per approved entry, payments and reversals alike,
 * so the amounts of the sheet sum to the net paid (pending and rejected entries are not money paid). Names are masked and payee accounts are only ever
 * stored masked, so this export has nothing to reveal.
 */

export const LEDGER_EXPORT_COLUMNS = [
  { key: 'paidOn', header: '发放日期', date: true },
  { key: 'number', header: '档案编号' },
  { key: 'headName', header: '户主姓名' },
  { key: 'kind', header: '类型' },
  { key: 'amount', header: '金额（元）', numeric: true },
  { key: 'fundSource', header: '资金来源' },
  { key: 'measure', header: '帮扶措施' },
  { key: 'payeeAccount', header: '收款账号' },
  { key: 'recordedBy', header: '登记人' },
  { key: 'approvedBy', header: '审批人' },
  { key: 'reason', header: '冲正原因' },
  { key: 'note', header: '备注' },
] as const satisfies readonly ExportColumn[]

export type LedgerExportKey = (typeof LEDGER_EXPORT_COLUMNS)[number]['key']

export const LEDGER_EXPORT_HEADER: readonly string[] = LEDGER_EXPORT_COLUMNS.map((c) => c.header)

const KIND_LABELS: Record<DisbursementEntry['kind'], string> = { payment: '发放', reversal: '冲正' }

/** One entry as a row; `household` is the entry's file (number and head's name), `measure` the measure's label or ''. */
export function ledgerExportRow(e: DisbursementEntry, household: { number: string; headName: string } | null, measure: string): string[] {
  const values: Record<LedgerExportKey, string> = {
    paidOn: e.paidOn,
    number: household?.number ?? '',
    headName: household ? maskName(household.headName) : '',
    kind: KIND_LABELS[e.kind],
    amount: fenToYuan2(e.amountFen),
    fundSource: labelOf(FUND_SOURCES, e.fundSource),
    measure,
    payeeAccount: e.payeeAccountMasked,
    recordedBy: e.recordedByName,
    approvedBy: e.decision?.byName ?? '',
    reason: e.reason,
    note: e.note,
  }
  return LEDGER_EXPORT_COLUMNS.map((c) => values[c.key])
}
