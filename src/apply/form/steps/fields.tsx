import FormField, { type FieldKeyboard } from '@/components/form-field'
import { maxLengthOf, type FieldKind } from '@/domain/field-kinds'
import { YES_NO, type Coded } from '@/domain/form-codes'
import { fieldAt, type FORM_PARTS, type FormPart, type PlacedField } from '@/domain/form-fields'
import type { FormValues } from '@/domain/form-values'
import ChoiceChips from '@/components/choice-chips'
import TextAreaField from '@/components/text-area-field'
import UnionPicker from '../../components/union-picker'
import { valueAt, type Messages } from '../form-model'

/** What every step gets: the values, the messages to show, the fields to fix, and how to change them. */
export interface StepProps {
  values: FormValues
  messages: Messages
  marked: ReadonlySet<string>
  onChange: (path: string, value: string | string[]) => void
  onBlur: (path: string, value: string) => void
}

/** Props of a field of the form: its path; label, kind, limits and help come from the registry. */
export interface FieldProps {
  p: StepProps
  /** The field's path, a member's by index (`members.1.idNumber`). */
  path: string
  /** The choices to offer, when only some of the field's codes apply. */
  options?: readonly Coded[]
  className?: string
}

const KEYBOARDS: Partial<Record<FieldKind['type'], FieldKeyboard>> = { money: 'digit', count: 'number', idNumber: 'idcard', mobile: 'number', bankAccount: 'number' }

/** The unit typed after the input: 元 for money, the count's unit. */
const unitOf = (k: FieldKind) => (k.type === 'money' ? '元' : k.type === 'count' ? k.unit : undefined)

/** Money is often none: the field says what to type then. */
const placeholderOf = (f: PlacedField) => f.placeholder ?? (f.kind.type === 'money' ? '没有请填0' : undefined)

/** A field of the form drawn by its kind: a text input, a choice, the union picker or a long text. */
export function Field({ p, path, options, className }: FieldProps) {
  const f = fieldAt(path)
  if (!f) throw new Error(`no field ${path} in the registry`)
  const common = { field: path, label: f.label, hint: f.hint, error: p.messages[path], marked: p.marked.has(path) }
  const k = f.kind
  if (k.type === 'code' || k.type === 'codes' || k.type === 'yesNo') {
    const choose = (v: string | string[]) => {
      p.onChange(path, v)
      p.onBlur(path, Array.isArray(v) ? v.join(',') : v)
    }
    const codes = options ?? (k.type === 'yesNo' ? YES_NO : k.codes)
    return <ChoiceChips {...common} value={valueAt(p.values, path)} options={codes} multiple={k.type === 'codes'} max={k.type === 'codes' ? k.max : undefined} onChange={choose} />
  }
  if (k.type === 'unit') {
    const choose = (id: string) => {
      p.onChange(path, id)
      p.onBlur(path, id)
    }
    return <UnionPicker {...common} value={valueAt(p.values, path) as string} onChange={choose} />
  }
  const value = valueAt(p.values, path) as string
  if (k.type === 'longText') {
    return (
      <TextAreaField
        {...common}
        value={value}
        placeholder={f.placeholder}
        minlength={k.min}
        maxlength={k.max}
        className={className}
        onInput={(v) => p.onChange(path, v)}
        onBlur={(v) => p.onBlur(path, v)}
      />
    )
  }
  return (
    <FormField
      {...common}
      value={value}
      placeholder={placeholderOf(f)}
      keyboard={KEYBOARDS[k.type]}
      maxlength={maxLengthOf(k)}
      unit={unitOf(k)}
      onInput={(v) => p.onChange(path, v)}
      onBlur={(v) => p.onBlur(path, v)}
    />
  )
}

/** Props of several fields of one part of the form, in the order given. */
export interface FieldsProps<P extends FormPart> {
  p: StepProps
  part: P
  /** The member's index, for a member's fields. */
  member?: number
  keys: readonly (keyof (typeof FORM_PARTS)[P]['fields'] & string)[]
}

/** Several fields of a part, one under the other. */
export function Fields<P extends FormPart>({ p, part, member, keys }: FieldsProps<P>) {
  const prefix = part === 'members' ? `members.${member ?? 0}` : part
  return (
    <>
      {keys.map((key) => (
        <Field key={key} p={p} path={`${prefix}.${key}`} />
      ))}
    </>
  )
}
