import { Text, View } from '@tarojs/components'
import { pressable } from '@/components/pressable'
import { formFieldName } from '@/domain/form-labels'
import type { FormValues } from '@/domain/form-values'
import type { DocumentView } from '@/domain/documents'
import { valueAt } from './form-model'
import type { DraftMeta } from './use-draft'

/** Props of the banner of a returned application. */
export interface FixBannerProps {
  meta: DraftMeta
  values: FormValues
  documents: readonly DocumentView[]
  /** The fields with a problem now (a changed field with a problem is not done). */
  problems: ReadonlySet<string>
  onOpen: (path: string) => void
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Whether a field to fix has been changed since the application came back (documents: one added or removed). */
export function isFixed(path: string, meta: DraftMeta, values: FormValues, documents: readonly DocumentView[]): boolean {
  const base = meta.baseline
  if (!base) return false
  if (path === 'documents') return !same([...base.documentIds].sort(), documents.map((d) => d.id).sort())
  return !same(valueAt(base.values, path), valueAt(values, path))
}

/** What the worker was asked to fix, each a way to its field, the ones already changed ticked off. */
export default function FixBanner({ meta, values, documents, problems, onOpen }: FixBannerProps) {
  const names = values.members.map((m) => m.name)
  const done = meta.fieldsToFix.filter((f) => isFixed(f, meta, values, documents) && !problems.has(f))
  return (
    <View className='card apply-form__returned'>
      <Text className='card__title'>申请{meta.number}被退回修改</Text>
      {meta.returnNote && <Text className='apply-form__note'>工作人员说明：{meta.returnNote}</Text>}
      {meta.fieldsToFix.length > 0 && (
        <View className='apply-form__fix-list'>
          <Text>
            请修改以下内容（已改 {done.length} 项，共 {meta.fieldsToFix.length} 项）：
          </Text>
          {meta.fieldsToFix.map((f) => {
            const name = formFieldName(f, ' ', names)
            const ok = done.includes(f)
            return (
              <Text
                key={f}
                className={ok ? 'apply-form__fix-item apply-form__fix-item--done' : 'apply-form__fix-item'}
                data-fix={f}
                data-done={ok ? 'true' : 'false'}
                {...pressable()}
                onClick={() => onOpen(f)}
              >
                {ok ? `✓ ${name}（已修改）` : `· ${name}`}
              </Text>
            )
          })}
        </View>
      )}
    </View>
  )
}
