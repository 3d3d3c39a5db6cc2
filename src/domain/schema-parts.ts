import * as v from 'valibot'
import { isCalendarDate, type CalendarDate } from './calendar'
import type { FieldProblem } from './validate'

/** Small schema pieces shared by the household, ledger and campaign schemas: Chinese messages naming the field. */

/** A record id: present, at most 64 characters. */
export const idText = (label: string) => v.pipe(v.string(`缺少${label}`), v.nonEmpty(`缺少${label}`), v.maxLength(64, `${label}不正确`))

/** Trimmed text of `min`..`max` characters; `min` 0 makes it optional with `''` as the default. */
export function text(label: string, min: number, max: number) {
  const body = v.pipe(
    v.string(`${label}应为文本`),
    v.trim(),
    v.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`),
    v.maxLength(max, `${label}不能超过${max}个字`),
  )
  return min === 0 ? v.optional(body, '') : body
}

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateText = (label: string) =>
  v.pipe(v.string(`请选择${label}`), v.check((s) => isCalendarDate(s), `${label}格式应为 2020-04-01 这样的日期`))

/** Uploaded files' ids backing a record, at most nine. */
export const evidenceIds = (label = '证明材料') =>
  v.optional(v.pipe(v.array(idText(`${label}编号`), `${label}应为列表`), v.maxLength(9, `${label}最多9份`)), [])

/** A deregistration proposal without its proof of being out of hardship (脱困证明): the programme asks for it. */
export const DEREGISTRATION_EVIDENCE_MESSAGE = '提出脱困注销请至少上传一张脱困证明材料的照片（如收入证明、劳动合同）'

/** The version the change was made on (optimistic concurrency). */
export const expectedVersion = v.pipe(v.number('版本应为数字'), v.integer('版本应为整数'), v.minValue(1, '版本不正确'))

/** A date after `today` (both Asia/Shanghai) as the problem of `field`; null when on or before it. */
export function futureDateProblem(date: CalendarDate, today: CalendarDate, field: string, label: string): FieldProblem | null {
  return date > today ? { field, message: `${label}不能晚于今天` } : null
}
