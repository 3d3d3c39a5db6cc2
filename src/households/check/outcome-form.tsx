import { View } from '@tarojs/components'
import { useState } from 'react'
import Field from '@/components/field'
import type { CheckOutcome } from '@/domain/campaign'
import { DEREGISTRATION_REASONS, DIFFICULTY_GROUPS, type DeregistrationReason, type DifficultyGroup } from '@/domain/household-codes'
import FormFrame from '@/components/form-frame'
import OptionList, { OptionRow } from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import DeregistrationProof from '../components/deregistration-proof'
import { useEvidencePhotos } from '../components/use-evidence-photos'
import type { WriteProblems } from './use-check'

const KINDS = [
  { code: 'keep', label: '保留在档，继续帮扶' },
  { code: 'propose-deregistration', label: '已脱困，提出脱困注销' },
] as const

/** Props of the outcome form. */
export interface OutcomeFormProps {
  householdId: string
  busy: boolean
  onSubmit: (outcome: CheckOutcome) => Promise<WriteProblems>
}

/**
 * 核查结论: keep on file with the difficulties that remain, grouped, each with a task (at least
 * one); or propose deregistration with a reason, which a reviewer then decides on the household.
 */
export default function OutcomeForm({ householdId, busy, onSubmit }: OutcomeFormProps) {
  const evidence = useEvidencePhotos(householdId)
  const [kind, setKind] = useState('')
  const [tasks, setTasks] = useState<Partial<Record<DifficultyGroup, string>>>({})
  const [reason, setReason] = useState('')
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const chosen = DIFFICULTY_GROUPS.filter((g) => tasks[g.code] !== undefined)

  const submit = async () => {
    if (!kind) return setErrors({ kind: '请选择核查结论' })
    // The proof photos go first (each once, however often this is tried); then the conclusion names them.
    const evidenceIds = kind === 'keep' ? [] : await evidence.upload()
    if (!evidenceIds) return
    const outcome: CheckOutcome =
      kind === 'keep'
        ? { kind: 'keep', difficulties: chosen.map((g) => ({ group: g.code, task: tasks[g.code] ?? '' })) }
        : { kind: 'propose-deregistration', reason: reason as DeregistrationReason, text, evidenceIds }
    const problems = await onSubmit(outcome)
    setErrors(problems ?? {})
  }
  const toggle = (g: DifficultyGroup) => {
    setErrors({})
    setTasks(({ [g]: had, ...rest }) => (had === undefined ? { ...rest, [g]: '' } : rest))
  }
  // The server names a task by its place in the list sent: `outcome.difficulties.1.task`.
  const taskError = (g: DifficultyGroup) => errors[`outcome.difficulties.${chosen.findIndex((c) => c.code === g)}.task`]

  return (
    <FormFrame form='setOutcome' title='核查结论' submitText='提交结论' busy={busy} onCancel={() => setKind('')} onSubmit={() => void submit()}>
      <OptionList field='kind' label='结论' options={KINDS} value={kind} error={errors.kind ?? errors.outcome} onChange={(c) => (setKind(c), setErrors({}))} />
      {kind === 'keep' && (
        <Field field='outcome.difficulties' label='仍存在的困难和帮扶任务' hint='至少选择一项，并写明帮扶任务' error={errors['outcome.difficulties']}>
          <View data-field='outcome.difficulties'>
            {DIFFICULTY_GROUPS.map((g) => (
              <View key={g.code} data-group={g.code}>
                <OptionRow role='checkbox' label={g.label} on={tasks[g.code] !== undefined} onTap={() => toggle(g.code)} data={{ 'data-value': g.code }} />
                {tasks[g.code] !== undefined && (
                  <TextAreaField
                    field={`task.${g.code}`}
                    label={`${g.label}：帮扶任务`}
                    value={tasks[g.code] ?? ''}
                    maxlength={200}
                    error={taskError(g.code)}
                    onInput={(v) => (setTasks((t) => ({ ...t, [g.code]: v })), setErrors({}))}
                  />
                )}
              </View>
            ))}
          </View>
        </Field>
      )}
      {kind === 'propose-deregistration' && (
        <>
          <OptionList field='outcome.reason' label='注销原因' options={DEREGISTRATION_REASONS} value={reason} error={errors['outcome.reason']} onChange={(c) => (setReason(c), setErrors({}))} />
          <TextAreaField field='outcome.text' label={reason === 'other' ? '注销说明' : '注销说明（可不填）'} value={text} maxlength={200} error={errors['outcome.text']} onInput={(v) => (setText(v), setErrors({}))} />
          <DeregistrationProof field='outcome.evidenceIds' evidence={evidence} error={errors['outcome.evidenceIds']} onPicked={() => setErrors({})} />
        </>
      )}
    </FormFrame>
  )
}
