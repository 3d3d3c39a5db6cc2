import * as v from 'valibot'
import { displayText, maskOf, type FieldKind, type ValueOf } from './field-kinds'
import { DESCRIPTION_FIELD, FORM_PARTS, rowLabel, valueAtPath, type Field, type Fields, type FieldSpec, type FieldView, type FormPart } from './form-fields'

/**
 * The registry's fields as pages show them: a submitted form with its sensitive values masked
 * (`Shown`, what a view carries), and the rows a page draws from it or from a draft's text.
 */

type Revealable<F extends Fields, K extends keyof F> = F[K]['sensitivity'] extends 'revealable' ? true : false
type Hidden<F extends Fields, K extends keyof F> = F[K]['sensitivity'] extends 'masked' | 'revealable' ? true : false

/** A part of the form as the application's pages carry it: a revealable value only masked, as `<key>Masked`. */
export type Shown<F extends Fields> = {
  -readonly [K in keyof F as Revealable<F, K> extends true ? `${K & string}Masked` : K]: Revealable<F, K> extends true ? string : ValueOf<F[K]['kind']>
}

/** A part's fields of the household file (view `file`): masked and revealable values only masked, as `<key>Masked`. */
export type OnFile<F extends Fields> = {
  -readonly [K in keyof F as 'file' extends F[K]['views'][number] ? (Hidden<F, K> extends true ? `${K & string}Masked` : K) : never]: Hidden<F, K> extends true
    ? string
    : ValueOf<F[K]['kind']>
}

const valueOf = (stored: object | undefined, key: string) => (stored as Record<string, unknown> | undefined)?.[key]
const masked = (f: Field, value: unknown) => (value === undefined || value === null ? '' : (maskOf(f.kind)?.(String(value)) ?? ''))

/** A stored part as the application's pages show it: revealable values masked. */
export function shownPart<F extends Fields>(fields: F, stored: object): Shown<F> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, f]) => (f.sensitivity === 'revealable' ? [`${key}Masked`, masked(f, valueOf(stored, key))] : [key, valueOf(stored, key)])),
  ) as Shown<F>
}

/** A stored part as the household file shows it: its `file` fields, masked and revealable values masked. */
export function onFilePart<F extends Fields>(fields: F, stored: object): OnFile<F> {
  const hidden = (f: Field) => f.sensitivity !== 'encrypted'
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, f]) => f.views.includes('file'))
      .map(([key, f]) => (hidden(f) ? [`${key}Masked`, masked(f, valueOf(stored, key))] : [key, valueOf(stored, key)])),
  ) as OnFile<F>
}

/** One row of a page: a field's label and its text, which is masked when the field is revealable. */
export interface FieldRow {
  /** The field's path, a member's by index (`members.1.idNumber`). */
  path: string
  label: string
  text: string
  /** Masked, and revealable on the case page by those who may. */
  revealable: boolean
  /** A long text: label above, value below. */
  stacked: boolean
  kind: FieldKind['type']
}

/** What the rows of a part need besides the values. */
export interface RowOptions {
  /** Only the fields shown in this view; every field when absent (the case page). */
  view?: FieldView
  /** The chosen union's name, for the union field. */
  unitName?: string
  /** The member's index, for a member's rows. */
  member?: number
}

type Part = FormPart | 'description'

/** A long text reads better with its label above it. */
export const isStacked = (f: FieldSpec) => f.kind.type === 'longText' || (f.kind.type === 'text' && f.kind.max > 60)

const fieldsOf = (part: Part): [string, Field][] =>
  part === 'description' ? [['description', DESCRIPTION_FIELD]] : Object.entries(FORM_PARTS[part].fields as Fields)

const pathOf = (part: Part, key: string, o: RowOptions) => (part === 'description' ? 'description' : part === 'members' ? `members.${o.member ?? 0}.${key}` : `${part}.${key}`)

function rows(part: Part, o: RowOptions, text: (f: Field, key: string) => string): FieldRow[] {
  return fieldsOf(part)
    .filter(([, f]) => !o.view || f.views.includes(o.view))
    .map(([key, f]) => ({
      path: pathOf(part, key, o),
      label: rowLabel(f),
      text: f.kind.type === 'unit' ? (o.unitName ?? '') : text(f, key) || (f.kind.type === 'codes' ? '无' : ''),
      revealable: f.sensitivity === 'revealable',
      stacked: isStacked(f),
      kind: f.kind.type,
    }))
}

/** The rows of a part as shown (`Shown`, or the description's text). */
export function shownRows(part: Part, shown: object | string, o: RowOptions = {}): FieldRow[] {
  const at = (key: string) => (typeof shown === 'string' ? shown : valueOf(shown, key))
  return rows(part, o, (f, key) => (f.sensitivity === 'revealable' ? String(valueOf(shown as object, `${key}Masked`) ?? '') : displayText(f.kind, at(key))))
}

/** The rows of a part of a draft, from its text: what checks is shown as it will be stored, the rest as typed; revealable values masked. */
export function draftRows(part: Part, texts: object | string, o: RowOptions = {}): FieldRow[] {
  return rows(part, o, (f, key) => {
    const raw = typeof texts === 'string' ? texts : valueOf(texts, key)
    const r = v.safeParse(f.schema, raw)
    if (f.sensitivity === 'revealable') return masked(f, r.success ? r.output : String(raw ?? '').trim())
    if (r.success) return displayText(f.kind, r.output)
    if (f.kind.type === 'code' || f.kind.type === 'codes') return displayText(f.kind, raw)
    return typeof raw === 'string' ? raw : ''
  })
}

/** The text of a stored value for the household file and exports: masked unless `reveal` where the field is masked or revealable. */
export function fileText(f: Field, value: unknown, reveal: boolean): string {
  if (value === undefined || value === null) return ''
  return f.sensitivity !== 'encrypted' && !reveal ? masked(f, value) : displayText(f.kind, value)
}

/** A field of the household file other than the members': its path and its text, masked where the field is sensitive. */
export interface FileRow {
  path: string
  text: string
}

/** The fields of a filed form the household file shows (view `file`) besides the members, masked where sensitive; none the form lacks (filed before the field existed). */
export function fileRows(form: object): FileRow[] {
  const parts = (Object.keys(FORM_PARTS) as FormPart[]).filter((p) => p !== 'members')
  return [...parts, 'description' as const].flatMap((part) =>
    fieldsOf(part)
      .filter(([, f]) => f.views.includes('file'))
      .map(([key, f]) => {
        const path = pathOf(part, key, {})
        return { path, text: fileText(f, valueAtPath(form, path), false) }
      })
      .filter((row) => row.text !== ''),
  )
}

/** A member's rows as the views head them, `李小红（配偶）`: the name, the relation, and the rest. */
export function splitMember(rows: FieldRow[]): { name: string; relation: string; rest: FieldRow[] } {
  const text = (key: string) => rows.find((r) => r.path.endsWith(`.${key}`))?.text ?? ''
  return { name: text('name'), relation: text('relation'), rest: rows.filter((r) => !/\.(name|relation)$/.test(r.path)) }
}
