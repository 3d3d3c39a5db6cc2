/**
 * Policy parameters from policy.csv, one row per unit:
 * `unitId,dibaoLineYuan,publicityDays[,submittedDays,screeningDays,visitingDays,verifyingDays][,closedDocumentsDays,abandonedDraftsDays,messagesDays,requestRepliesDays,closedRequestsDays,contactNotesDays,callNotesDays,deregisteredDocumentsDays][,template:<kind>...][,fields:<kind>...]`.
 * `template:<kind>` holds a subscribe-message template id; `fields:<kind>` which value fills which
 * keyword of that template, e.g. `character_string1=number;phrase2=status;thing3=body;time4=time`
 * (./template-fields.ts; empty: the notifier's default).
 */
import type { ApplicationStatus } from '../../src/domain'
import type { PolicyRecord, RetentionSchedule } from '../ports'
import type { CsvRecord } from '../usecases/shared/csv'
import { cellOf, readHeader, type ImportProblem } from './columns'
import { parseTemplateFields } from './template-fields'

/** The stages a case waits in for staff, each with an optional deadline column `<stage>Days`. */
export const DEADLINE_STAGES = ['submitted', 'screening', 'visiting', 'verifying'] as const satisfies readonly ApplicationStatus[]

export const POLICY_REQUIRED = ['unitId', 'dibaoLineYuan', 'publicityDays'] as const
/**
 * Optional: the retention schedule (read from the top unit's row), days per kind of record
 * (RetentionSchedule in server/ports says what each deletes); each 30 to 3650, empty: kept.
 */
const RETENTION_COLUMNS = [
  { column: 'closedDocumentsDays', kind: 'closedApplicationDocuments', what: '资料保存天数' },
  { column: 'abandonedDraftsDays', kind: 'abandonedDrafts', what: '草稿保存天数' },
  { column: 'messagesDays', kind: 'messages', what: '站内消息保存天数' },
  { column: 'requestRepliesDays', kind: 'requestReplies', what: '重复提交记录保存天数' },
  { column: 'closedRequestsDays', kind: 'closedPersonRequests', what: '已办结个人信息请求保存天数' },
  { column: 'contactNotesDays', kind: 'contactNotes', what: '联系记录内容保存天数' },
  { column: 'callNotesDays', kind: 'callNotes', what: '电话联系备注保存天数' },
  { column: 'deregisteredDocumentsDays', kind: 'deregisteredDocuments', what: '注销家庭资料保存天数' },
] as const satisfies readonly { column: string; kind: keyof RetentionSchedule; what: string }[]
const STAGE_COLUMNS = DEADLINE_STAGES.map((s) => `${s}Days`)
const TEMPLATE_COLUMN = /^template:([A-Za-z][A-Za-z0-9]{0,31})$/
const FIELDS_COLUMN = /^fields:([A-Za-z][A-Za-z0-9]{0,31})$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{10,64}$/

/** Yuan with at most two decimals, to integer fen without floating point. */
function yuanToFen(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null
}

function wholeDays(text: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

/** The unit ids a policy file names, to look up before `checkPolicies`. */
export function referencedPolicyUnits(records: CsvRecord[]): string[] {
  const [header, ...rows] = records
  if (!header) return []
  const columns = header.cells.map((c) => c.trim())
  return [...new Set(rows.map((r) => cellOf(columns, r, 'unitId')).filter(Boolean))]
}

/** The policies to write, or every problem found. `unitExists` answers for the units file and the store together. */
export function checkPolicies(records: CsvRecord[], file: string, unitExists: (id: string) => boolean): { policies: PolicyRecord[] } | { problems: ImportProblem[] } {
  const allowed = (c: string) => (POLICY_REQUIRED as readonly string[]).includes(c) || STAGE_COLUMNS.includes(c) || RETENTION_COLUMNS.some((r) => r.column === c) || TEMPLATE_COLUMN.test(c) || FIELDS_COLUMN.test(c)
  const head = readHeader(records, file, POLICY_REQUIRED, allowed)
  if ('problems' in head) return head
  const { columns, rows } = head
  const problems: ImportProblem[] = []
  const policies: PolicyRecord[] = []
  const firstLine = new Map<string, number>()

  for (const r of rows) {
    const before = problems.length
    const bad = (column: string, message: string) => problems.push({ file, line: r.line, column, message })
    const cell = (c: string) => cellOf(columns, r, c)

    const unitId = cell('unitId')
    if (!unitId) bad('unitId', '单位编号不能为空')
    else if (firstLine.has(unitId)) bad('unitId', `单位“${unitId}”与第 ${firstLine.get(unitId)} 行重复：每个单位只写一行`)
    else if (!unitExists(unitId)) bad('unitId', `单位“${unitId}”不存在：先导入单位（--file），或检查编号`)
    if (unitId && !firstLine.has(unitId)) firstLine.set(unitId, r.line)

    const fen = yuanToFen(cell('dibaoLineYuan'))
    if (fen === null) bad('dibaoLineYuan', `低保线“${cell('dibaoLineYuan')}”应为元，最多两位小数，如 780 或 780.50`)
    else if (fen < 100_00 || fen > 10_000_00) bad('dibaoLineYuan', `低保线 ${cell('dibaoLineYuan')} 元不在 100 到 10000 元之间（每人每月，单位是元不是分）`)

    const publicityDays = wholeDays(cell('publicityDays'), 1, 30)
    if (publicityDays === null) bad('publicityDays', `公示天数“${cell('publicityDays')}”应为 1 到 30 的整数`)

    const stageDeadlineDays: PolicyRecord['stageDeadlineDays'] = {}
    for (const stage of DEADLINE_STAGES) {
      const text = cell(`${stage}Days`)
      if (!text) continue
      const days = wholeDays(text, 1, 365)
      if (days === null) bad(`${stage}Days`, `时限“${text}”应为 1 到 365 的整数（天），不设时限请留空`)
      else stageDeadlineDays[stage] = days
    }

    const schedule: RetentionSchedule = {}
    for (const { column, kind, what } of RETENTION_COLUMNS) {
      const text = cell(column)
      if (!text) continue
      const days = wholeDays(text, 30, 3650)
      if (days === null) bad(column, `${what}“${text}”应为 30 到 3650 的整数（天）；不自动删除请留空`)
      else schedule[kind] = days
    }

    const subscribeTemplateIds: Record<string, string> = {}
    for (const c of columns) {
      const kind = TEMPLATE_COLUMN.exec(c)?.[1]
      const id = kind ? cell(c) : ''
      if (!kind || !id) continue
      if (!TEMPLATE_ID.test(id)) bad(c, `订阅消息模板 ID“${id}”格式不正确：应为公众平台“订阅消息”中复制的模板 ID`)
      else subscribeTemplateIds[kind] = id
    }

    const subscribeTemplateFields: Record<string, Record<string, string>> = {}
    for (const c of columns) {
      const kind = FIELDS_COLUMN.exec(c)?.[1]
      const text = kind ? cell(c) : ''
      if (!kind || !text) continue
      const parsed = parseTemplateFields(kind, text)
      if ('problem' in parsed) bad(c, `字段对应有误：${parsed.problem}`)
      else if (!cell(`template:${kind}`)) bad(c, `填写了字段对应，但同一行没有“template:${kind}”模板 ID：字段对应只随本行的模板生效`)
      else subscribeTemplateFields[kind] = parsed.fields
    }

    if (problems.length === before) {
      const fields = Object.keys(subscribeTemplateFields).length ? { subscribeTemplateFields } : {}
      const retention = Object.keys(schedule).length ? { retention: schedule } : {}
      policies.push({ unitId, dibaoLineFen: fen!, publicityDays: publicityDays!, stageDeadlineDays, subscribeTemplateIds, ...fields, ...retention })
    }
  }
  return problems.length ? { problems } : { policies }
}
