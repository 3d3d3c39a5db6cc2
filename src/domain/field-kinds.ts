import * as v from 'valibot'
import { labelOf, YES_NO, type Coded } from './form-codes'
import { idNumberProblem, normalizeIdNumber } from './id-number'
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './mask'
import { fenToYuanText, formatFen, MAX_FEN, parseYuan } from './money'
import { isValidMobile, normalizePhone } from './phone'

/**
 * The kinds of the application form's fields. A kind decides how a field is typed (text, a code,
 * a yuan amount), how it is checked (one valibot schema for the pages and the functions, every
 * message in Chinese naming the field), what it is stored as, and how it is shown and masked.
 */
export type FieldKind =
  | { readonly type: 'text'; readonly max: number }
  /** Several sentences in the worker's own words. */
  | { readonly type: 'longText'; readonly min: number; readonly max: number }
  | { readonly type: 'personName' }
  | { readonly type: 'code'; readonly codes: readonly Coded[] }
  /** Several codes of a list, each once, at most `max`. */
  | { readonly type: 'codes'; readonly codes: readonly Coded[]; readonly max: number }
  | { readonly type: 'yesNo' }
  /** Yuan as typed, integer fen as stored. */
  | { readonly type: 'money' }
  /** A whole number within [min, max] of `unit`. */
  | { readonly type: 'count'; readonly min: number; readonly max: number; readonly unit: string }
  | { readonly type: 'idNumber' }
  | { readonly type: 'mobile' }
  | { readonly type: 'bankAccount' }
  /** A union unit's id, chosen from the union tree. */
  | { readonly type: 'unit' }

/** The kinds, to write a field's kind as `kind.code(HEALTH_STATUSES)`. */
export const kind = {
  text: (max: number) => ({ type: 'text', max }) as const,
  longText: (min: number, max: number) => ({ type: 'longText', min, max }) as const,
  personName: () => ({ type: 'personName' }) as const,
  code: <const C extends readonly Coded[]>(codes: C) => ({ type: 'code', codes }) as const,
  codes: <const C extends readonly Coded[]>(codes: C, max: number) => ({ type: 'codes', codes, max }) as const,
  yesNo: () => ({ type: 'yesNo' }) as const,
  money: () => ({ type: 'money' }) as const,
  count: (min: number, max: number, unit: string) => ({ type: 'count', min, max, unit }) as const,
  idNumber: () => ({ type: 'idNumber' }) as const,
  mobile: () => ({ type: 'mobile' }) as const,
  bankAccount: () => ({ type: 'bankAccount' }) as const,
  unit: () => ({ type: 'unit' }) as const,
}

/** What a field of kind `K` holds while the form is filled: text, or a list of codes. */
export type TextOf<K extends FieldKind> = K extends { type: 'codes' } ? string[] : string

/** What a field of kind `K` is stored as once checked. */
export type ValueOf<K extends FieldKind> = K extends { type: 'code'; codes: infer L extends readonly Coded[] }
  ? L[number]['code']
  : K extends { type: 'codes'; codes: infer L extends readonly Coded[] }
    ? L[number]['code'][]
    : K extends { type: 'money' | 'count' }
      ? number
      : K extends { type: 'yesNo' }
        ? boolean
        : string

/** Names as the national form takes them: 2-30 characters, Chinese names may carry a middle dot. */
const NAME_PATTERN = /^[\u4e00-\u9fa5·•A-Za-z\s]{2,30}$/u
const MAX_NAME = 30

const requiredText = (label: string, max: number) =>
  v.pipe(v.string(`请填写${label}`), v.trim(), v.nonEmpty(`请填写${label}`), v.maxLength(max, `${label}不能超过${max}个字`))

/** A yuan amount as typed (`'1234.5'`) -> integer fen. */
export const moneySchema = (label: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.nonEmpty(`请填写${label}（没有请填0）`),
    v.check((s) => parseYuan(s) !== null, `${label}应为金额，单位元，最多两位小数`),
    v.transform((s) => parseYuan(s) as number),
    v.maxValue(MAX_FEN, `${label}金额过大，请核对`),
  )

/** A whole number as typed -> number within [min, max]. */
export const countSchema = (label: string, min: number, max: number, unit: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.nonEmpty(`请填写${label}`),
    v.regex(/^\d{1,4}$/, `${label}应为整数`),
    v.transform(Number),
    v.minValue(min, `${label}至少为${min}${unit}`),
    v.maxValue(max, `${label}不能超过${max}${unit}`),
  )

const codesOf = (list: readonly Coded[]) => list.map((c) => c.code) as [string, ...string[]]

/** The schema of a field of `kind` labelled `label`; `prompt` asks for an empty long text. */
export function kindSchema(label: string, k: FieldKind, prompt = `请填写${label}`): v.GenericSchema<unknown, unknown> {
  switch (k.type) {
    case 'text':
      return requiredText(label, k.max)
    case 'longText':
      return v.pipe(v.string(prompt), v.trim(), v.minLength(k.min, `${prompt}（至少${k.min}个字）`), v.maxLength(k.max, `${label}不能超过${k.max}个字`))
    case 'personName':
      return v.pipe(requiredText(label, MAX_NAME), v.regex(NAME_PATTERN, `${label}只能包含汉字、字母或间隔号，至少2个字`))
    case 'code':
      return v.picklist(codesOf(k.codes), `请选择${label}`)
    case 'codes': {
      // Checked as a whole, so a wrong code is reported at the field the page shows, not at its item.
      const known = new Set(codesOf(k.codes))
      return v.pipe(
        v.array(v.string(`${label}不正确`), `${label}应为列表`),
        v.check((list) => list.every((c) => known.has(c)), `${label}不正确`),
        v.maxLength(k.max, `${label}最多选${k.max}项`),
        v.check((list) => new Set(list).size === list.length, `${label}不能重复`),
      )
    }
    case 'yesNo':
      return v.pipe(v.picklist(codesOf(YES_NO), `请选择${label}`), v.transform((s) => s === 'yes'))
    case 'money':
      return moneySchema(label)
    case 'count':
      return countSchema(label, k.min, k.max, k.unit)
    case 'idNumber':
      return v.pipe(
        v.string(`请填写${label}`),
        v.transform(normalizeIdNumber),
        v.nonEmpty(`请填写${label}`),
        v.check((s) => idNumberProblem(s) === null, (issue) => idNumberProblem(String(issue.input)) ?? `${label}不正确`),
      )
    case 'mobile':
      return v.pipe(v.string(`请填写${label}`), v.transform(normalizePhone), v.nonEmpty(`请填写${label}`), v.check(isValidMobile, `${label}应为11位，以1开头`))
    case 'bankAccount':
      return v.pipe(
        v.string(`请填写${label}`),
        v.transform((s) => s.replace(/[\s-]/g, '')),
        v.nonEmpty(`请填写${label}`),
        v.regex(/^\d{12,30}$/, `${label}应为12到30位数字`),
      )
    case 'unit':
      return v.pipe(v.string(`请选择${label}`), v.nonEmpty(`请选择${label}`), v.maxLength(64, `${label}不正确`))
  }
}

/** The longest text a field of `k` takes (what an input allows to be typed). */
export function maxLengthOf(k: FieldKind): number {
  switch (k.type) {
    case 'text':
    case 'longText':
      return k.max
    case 'personName':
      return MAX_NAME
    case 'money':
      return 13
    case 'count':
      return String(k.max).length
    case 'idNumber':
      return 18
    case 'mobile':
      return 11
    case 'bankAccount':
      return 30
    default:
      return 64
  }
}

const MASKS: Partial<Record<FieldKind['type'], (s: string) => string>> = { idNumber: maskIdNumber, mobile: maskPhone, bankAccount: maskBankAccount, personName: maskName }

/** How a value of `k` is masked where it must not show in full; undefined for kinds never masked. */
export const maskOf = (k: FieldKind): ((s: string) => string) | undefined => MASKS[k.type]

/** A stored value as text again, as the form shows it (to fix and resubmit it); '' (or none) when absent. */
export function toText(k: FieldKind, value: unknown): string | string[] {
  if (k.type === 'codes') return Array.isArray(value) ? value.map(String) : []
  if (value === undefined || value === null) return ''
  if (k.type === 'money') return fenToYuanText(value as number)
  if (k.type === 'yesNo') return value ? 'yes' : 'no'
  return String(value)
}

/** A stored value as a page shows it: codes by their labels, money as `1,234.50 元`; '' when absent. */
export function displayText(k: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return ''
  switch (k.type) {
    case 'code':
      return labelOf(k.codes, String(value))
    case 'codes':
      return (value as string[]).map((c) => labelOf(k.codes, c)).join('、')
    case 'yesNo':
      return value ? '是' : '否'
    case 'money':
      return formatFen(value as number)
    case 'count':
      return `${value} ${k.unit}`
    default:
      return String(value)
  }
}
