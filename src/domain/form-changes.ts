import type { ApplicationForm } from './application-form'
import { displayText, maskOf } from './field-kinds'
import { fieldAt, rowLabel, valueAtPath, type PlacedField } from './form-fields'
import { memberNumberOf } from './form-labels'

/**
 * What a resubmission changed, field by field, as the case page shows it: each field named as a
 * person names it (a member by their name), its text before and after; revealable values masked.
 */

/** One changed field, or a member added or removed. */
export interface FieldChange {
  path: string
  /** `李小红 月收入`, `家庭住址`, `家庭成员 李小红`. */
  name: string
  /** '' when there was none (an added member, a field first filled). */
  before: string
  after: string
}

const memberName = (form: ApplicationForm, i: number) => form.members[i]?.name?.trim() || `家庭成员${i + 1}`

/** A value as the case page shows it: revealable values masked, codes and money in words. */
function textOf(f: PlacedField, value: unknown): string {
  if (value === undefined || value === null || value === '') return ''
  if (f.sensitivity === 'revealable') return maskOf(f.kind)?.(String(value)) ?? ''
  if (f.kind.type === 'unit') return '（已更换）'
  return displayText(f.kind, value)
}

/** The changes between two versions of the form at `paths` (from `changedFields`), in the form's order, without raw keys. */
export function formChanges(before: ApplicationForm, after: ApplicationForm, paths: readonly string[]): FieldChange[] {
  const out: FieldChange[] = []
  const members = new Set<number>()
  for (const path of paths) {
    const n = memberNumberOf(path)
    if (n !== null) {
      const i = n - 1
      const had = i < before.members.length
      const has = i < after.members.length
      if (had !== has) {
        if (!members.has(i)) {
          members.add(i)
          const name = memberName(has ? after : before, i)
          out.push({ path: `members.${i}`, name: `家庭成员 ${name}`, before: had ? '有' : '', after: has ? '新增' : '已删除' })
        }
        continue
      }
    }
    const f = fieldAt(path)
    if (!f) continue
    const label = rowLabel(f)
    const name = n !== null ? `${memberName(after, n - 1)} ${label}` : label
    out.push({ path, name, before: textOf(f, valueAtPath(before, path)), after: textOf(f, valueAtPath(after, path)) })
  }
  return out
}

/** `月收入：2,000.00 元 → 1,500.00 元` in one line. */
export function changeLine(c: FieldChange): string {
  if (!c.before) return `${c.name}：${c.after || '已填写'}`
  return `${c.name}：${c.before} → ${c.after || '已清空'}`
}
