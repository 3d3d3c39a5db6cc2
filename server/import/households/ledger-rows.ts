import type { CalendarDate } from '../../../src/domain/calendar'
import { FUND_SOURCES, MEASURE_KINDS, type FundSource, type MeasureKind } from '../../../src/domain/household-codes'
import { LEDGER_EXPORT_COLUMNS, LEDGER_EXPORT_HEADER, type LedgerExportKey } from '../../../src/domain/ledger-export'
import type { SheetTable } from '../../usecases/shared/csv'
import type { ImportProblem } from '../columns'
import { codeOf, dateOf, fenOf, rowsOf, textOf } from './cells'

/**
 * The aid ledger (帮扶资金台账) as the ledger export writes it, read back: each row a payment or a
 * reversal of a household of the import, by its file number. A reversal names the payment it
 * cancels by the same file, day and amount, as the export shows them. The measure a payment served
 * (`生活救助：…`) becomes a measure of the household.
 */

export interface LedgerRow {
  line: number
  number: string
  kind: 'payment' | 'reversal'
  amountFen: number
  fundSource: FundSource
  measure: { kind: MeasureKind; description: string } | null
  paidOn: CalendarDate
  payeeAccountMasked: string
  recordedByName: string
  approvedByName: string
  reason: string
  note: string
  /** For a reversal: the line of the payment it cancels. */
  reverses?: number
}

const header = (key: LedgerExportKey) => LEDGER_EXPORT_COLUMNS.find((c) => c.key === key)!.header
const KINDS = [
  { code: 'payment', label: '发放' },
  { code: 'reversal', label: '冲正' },
] as const

/** The ledger rows; `numbers` are the file numbers the import knows (its households, and earlier imports'). */
export function readLedgerRows(file: string, table: SheetTable, knows: (number: string) => boolean, problems: ImportProblem[]): LedgerRow[] {
  const out: LedgerRow[] = []
  for (const row of rowsOf(file, table, LEDGER_EXPORT_HEADER, problems)) {
    const before = problems.length
    const number = textOf(row, header('number'), 40)
    if (number && !knows(number)) row.problem(header('number'), `档案编号“${number}”不在本次导入的建档户文件中`)
    const kind = codeOf(row, header('kind'), KINDS)
    const amountFen = fenOf(row, header('amount'))
    const fundSource = codeOf(row, header('fundSource'), FUND_SOURCES)
    const paidOn = dateOf(row, header('paidOn'))
    const reason = row.cell(header('reason'))
    let measure: LedgerRow['measure'] = null
    const measureText = row.cell(header('measure'))
    if (measureText) {
      const [label, ...rest] = measureText.split('：')
      const found = MEASURE_KINDS.find((k) => k.label === label)
      if (!found || !rest.length) row.problem(header('measure'), `应写成“措施类型：内容”，类型可选：${MEASURE_KINDS.map((k) => k.label).join('、')}`)
      else measure = { kind: found.code, description: rest.join('：') }
    }
    if (kind === 'payment' && amountFen !== undefined && amountFen <= 0) row.problem(header('amount'), '发放金额应大于0')
    if (kind === 'payment' && reason) row.problem(header('reason'), '只有冲正才填写冲正原因')
    if (kind === 'reversal' && amountFen !== undefined && amountFen >= 0) row.problem(header('amount'), '冲正金额应为负数（所冲正发放金额的相反数）')
    if (kind === 'reversal' && !reason) row.problem(header('reason'), '冲正必须填写原因')
    if (problems.length > before || !number || !kind || amountFen === undefined || !fundSource || !paidOn) continue
    out.push({
      line: row.line, number, kind, amountFen, fundSource, measure, paidOn, reason,
      payeeAccountMasked: row.cell(header('payeeAccount')),
      recordedByName: row.cell(header('recordedBy')),
      approvedByName: row.cell(header('approvedBy')),
      note: row.cell(header('note')),
    })
  }
  matchReversals(file, out, problems)
  return out
}

/** Pairs each reversal with an unreversed payment of the same file, day and source, of the opposite amount. */
function matchReversals(file: string, rows: LedgerRow[], problems: ImportProblem[]) {
  const taken = new Set<number>()
  for (const r of rows) {
    if (r.kind !== 'reversal') continue
    const payment = rows.find((p) => p.kind === 'payment' && !taken.has(p.line) && p.number === r.number && p.paidOn === r.paidOn && p.fundSource === r.fundSource && p.amountFen === -r.amountFen)
    if (!payment) {
      problems.push({ file, line: r.line, column: header('amount'), message: '找不到被冲正的发放：同一档案、同一发放日期和资金来源下应有一笔金额相反的发放' })
      continue
    }
    taken.add(payment.line)
    r.reverses = payment.line
  }
}
