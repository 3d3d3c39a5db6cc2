import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Chip from '@/components/chip'
import FieldError from '@/components/field-error'
import { PROBLEM_KINDS, type ProblemKind } from '@/domain/station-codes'
import { api, newRequestId } from '@/api'
import { containerRole } from '@/components/pressable'

type Step = { kind: 'closed' } | { kind: 'open'; requestId: string } | { kind: 'sending'; requestId: string } | { kind: 'sent' }

/** 报告问题: the worker says what is wrong (closed, moved, wrong hours, other) and the admins review it. */
export default function ReportProblem({ stationId }: { stationId: string }) {
  const [step, setStep] = useState<Step>({ kind: 'closed' })
  const [problem, setProblem] = useState<ProblemKind | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ field?: string; message: string } | null>(null)

  if (step.kind === 'closed') {
    return (
      <Button className='btn btn--secondary station__report' onClick={() => setStep({ kind: 'open', requestId: newRequestId() })} data-action='report'>
        报告问题
      </Button>
    )
  }
  if (step.kind === 'sent') {
    return (
      <View className='card report report--sent' data-report='sent'>
        <Text className='card__title'>谢谢您的反馈！</Text>
        <Text className='report__thanks'>工会工作人员会尽快核实并更新站点信息。</Text>
      </View>
    )
  }

  const send = async () => {
    if (!problem) return setError({ field: 'problem', message: '请选择问题类型' })
    setError(null)
    // One request id per opened form: a retried tap after a lost reply is not a second report.
    setStep({ kind: 'sending', requestId: step.requestId })
    const reply = await api.stations.reportProblem({ stationId, problem, note: note.trim() }, { requestId: step.requestId })
    if (reply.ok) return setStep({ kind: 'sent' })
    setStep({ kind: 'open', requestId: step.requestId })
    setError({ field: reply.error.field === 'note' ? 'note' : undefined, message: reply.error.message })
  }

  return (
    <View className='card report' data-report='form'>
      <Text className='card__title'>报告问题</Text>
      <Text className='report__intro'>站点信息不对？告诉我们，工作人员会核实更正。</Text>
      <View className='report__kinds' {...containerRole('radiogroup', '问题类型')}>
        {PROBLEM_KINDS.map((k) => (
          <Chip key={k.code} role='radio' label={k.label} on={problem === k.code} onTap={() => {
              setProblem(k.code)
              if (error?.field === 'problem') setError(null)
            }} data={{ 'data-problem': k.code }} />
        ))}
      </View>
      <FieldError field='problem' message={error?.field === 'problem' ? error.message : undefined} />
      <Textarea
        className='report__note'
        value={note}
        maxlength={200}
        placeholder='补充说明（选填），例如：周日没有开门'
        onInput={(e) => setNote(e.detail.value)}
        data-field='note'
      />
      <FieldError field='note' message={error?.field === 'note' ? error.message : undefined} />
      {error && !error.field && <Text className='field-error'>{error.message}</Text>}
      <Button className={step.kind === 'sending' ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => step.kind === 'open' && void send()} data-action='send-report'>
        {step.kind === 'sending' ? '正在提交…' : '提交'}
      </Button>
      <Button className='btn btn--secondary' onClick={() => setStep({ kind: 'closed' })}>
        取消
      </Button>
    </View>
  )
}
