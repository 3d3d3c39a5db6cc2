import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import ChoiceChips from '@/components/choice-chips'
import TextAreaField from '@/components/text-area-field'
import type { CaseView, TakeoverCode } from '@/domain/api/review'
import { CALL_OUTCOMES, callReasonLabel, type CallOutcome } from '@/domain/assisted'
import { api, newRequestId } from '@/api'
import { confirmAction } from '@/components/confirm'
import { formatDateTime } from '@/text/format'

const OUTCOMES = CALL_OUTCOMES.map((o) => ({ code: o.code, label: o.label }))

/**
 * The caseworker's field work on a case: its 电话联系 task and the call log (the reveal of the
 * phone number is on the applicant's row), and for a case typed for the worker the one-time
 * take-over code to write on their paper.
 */
export default function FieldSection({ view, replace }: { view: CaseView; replace: (next: CaseView) => void }) {
  const app = view.application
  const [logging, setLogging] = useState(false)
  const [outcome, setOutcome] = useState<CallOutcome | ''>('')
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [code, setCode] = useState<TakeoverCode | null>(null)
  const requestId = useRef<string | null>(null)

  const saveCall = async () => {
    if (!outcome) return setError('请选择通话结果')
    setBusy(true)
    requestId.current ??= newRequestId()
    const reply = await api.review.logCall({ id: app.id, outcome, note }, { requestId: requestId.current })
    setBusy(false)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    requestId.current = null
    setLogging(false)
    setOutcome('')
    setNote('')
    replace(reply.data)
    void Taro.showToast({ title: '通话已记录', icon: 'success' })
  }

  const issue = async () => {
    setBusy(true)
    const reply = await api.review.issueTakeover({ id: app.id })
    setBusy(false)
    if (reply.ok) setCode(reply.data)
    else void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
  }

  // A code given to the wrong person or lost on the way: withdrawn while it is still on screen.
  const revoke = async () => {
    if (!code) return
    if (!(await confirmAction({ title: '作废认领码', content: `作废后 ${code.code} 不能再使用，可另行生成新的认领码。`, confirmText: '作废', danger: true }))) return
    setBusy(true)
    const reply = await api.review.revokeTakeover({ id: app.id, invitationId: code.invitationId })
    setBusy(false)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    setCode(null)
    void Taro.showToast({ title: '认领码已作废', icon: 'success' })
  }

  return (
    <View className='card field-section' data-section='field'>
      <Text className='card__title'>电话联系</Text>
      {view.callTask ? (
        <View data-call-task='open'>
          {view.callTask.reasons.map((r) => (
            <Text key={r} className='case-header__line'>· {callReasonLabel(r)}</Text>
          ))}
          <Text className='case-header__line'>
            {formatDateTime(view.callTask.openedAt)} 起待联系{view.callTask.attempts ? `，已拨打${view.callTask.attempts}次` : ''}
          </Text>
        </View>
      ) : (
        <Text className='case-header__line' data-call-task='none'>暂无待办的电话联系</Text>
      )}
      {logging ? (
        <View data-form='call'>
          <ChoiceChips field='outcome' label='通话结果' options={OUTCOMES} value={outcome} error={error} onChange={(c) => (setOutcome(c as CallOutcome), setError(''))} />
          <TextAreaField field='note' label='通话记录（选填）' value={note} maxlength={200} onInput={setNote} />
          <Button className='btn btn--primary' data-action='save-call' disabled={busy} loading={busy} onClick={() => void saveCall()}>
            保存通话记录
          </Button>
          <Button className='btn btn--secondary' data-action='cancel-call' onClick={() => setLogging(false)}>
            取消
          </Button>
        </View>
      ) : (
        <Button className='btn btn--secondary' data-action='log-call' onClick={() => setLogging(true)}>
          记录电话联系
        </Button>
      )}
      {app.typedBy && !app.typedBy.takenOverAt && (
        <View className='field-section__takeover'>
          <Text className='card__title'>职工认领</Text>
          {code ? (
            <View data-takeover-code={code.code}>
              <Text className='field-section__code' selectable userSelect>
                {code.code}
              </Text>
              <Text className='case-header__line'>请抄写在纸条上交给职工本人：在“我的申请”中输入认领码，即可把申请转到本人微信，之后的消息会发给本人。有效期至 {formatDateTime(code.expiresAt)}，只能使用一次，离开本页后无法再查看。</Text>
              <Button className='btn btn--secondary' data-action='revoke-takeover' disabled={busy} onClick={() => void revoke()}>
                作废这个认领码
              </Button>
            </View>
          ) : (
            <Button className='btn btn--secondary' data-action='issue-takeover' disabled={busy} onClick={() => void issue()}>
              生成认领码
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
