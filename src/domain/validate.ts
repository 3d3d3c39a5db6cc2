import * as v from 'valibot'
import { FIELD_LABELS, STATION_FIELD_LABELS } from './field-labels'
import { formFieldLabel, memberNumberOf, memberTitle } from './form-labels'

/** The first problem of a failed validation, with the dotted path of its field. */
export interface FieldProblem {
  field?: string
  message: string
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] }

/** Runs a schema and flattens its issues into field problems with their Chinese messages. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): Validated<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return { ok: true, value: result.output }
  return { ok: false, problems: result.issues.map(toProblem) }
}

function toProblem(issue: v.BaseIssue<unknown>): FieldProblem {
  const path = issue.path?.map((p) => String(p.key)).join('.')
  const key = issue.path?.at(-1)?.key
  const isObject = issue.kind === 'schema' && (issue.type === 'strict_object' || issue.type === 'object')
  if (isObject && issue.expected === 'never') return { field: path, message: `不支持的字段：${path}` }
  if (isObject && issue.received === 'undefined' && key !== undefined) {
    const label = (path ? STATION_FIELD_LABELS[path] ?? formFieldLabel(path) : undefined) ?? FIELD_LABELS[String(key)] ?? String(key)
    return { field: path, message: withMember(path, `请填写${label}`) }
  }
  return { field: path || undefined, message: withMember(path, issue.message) }
}

/** A family member's field is named with the member's number: `家庭成员2：请填写身份证号`. */
function withMember(path: string | undefined, message: string): string {
  const n = path ? memberNumberOf(path) : null
  return n === null || message.startsWith('家庭成员') ? message : `${memberTitle(n - 1)}：${message}`
}

/** Field problems keyed by field, the first message per field: what a form shows beside each input. */
export function problemsByField(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) if (p.field && !(p.field in out)) out[p.field] = p.message
  return out
}
