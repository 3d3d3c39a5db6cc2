import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { FormStep } from '@/domain/api/applicant'
import type { ApiError } from '@/domain/contract'
import { documentsForDraft } from '@/domain/documents'
import { AUTHORISATION_KIND } from '@/domain/assisted'
import type { FormValues } from '@/domain/form-values'
import type { ActionInput } from '@/domain/api'
import { api, newRequestId } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useSubscribeOffer } from '@/hooks/use-subscribe'
import { readParam, ROUTES } from '@/routes'
import RelativeCard from './steps/relative-card'
import StepProgress from '../components/step-progress'
import FixBanner from './fix-banner'
import InProgress from './in-progress'
import { useUnitName } from '../components/union-picker/unit-names'
import {
  consentOf,
  fieldDomId,
  firstStepWithProblems,
  setValueAt,
  stepIndex,
  stepOfField,
  stepProblems,
  STEPS,
  visibleMessages,
  type Messages,
} from './form-model'
import ApplicantStep from './steps/applicant-step'
import BankStep from './steps/bank-step'
import CausesStep from './steps/causes-step'
import ConsentStep from './steps/consent-step'
import DocumentsStep from './steps/documents-step'
import FinancesStep from './steps/finances-step'
import MembersStep from './steps/members-step'
import ReviewStep from './steps/review-step'
import type { StepProps } from './steps/fields'
import { useDraft } from './use-draft'
import './index.css'

const SYNC_TEXT = { saved: '已自动保存', saving: '正在保存…', unsaved: '已保存在手机上', offline: '暂时无法连接，已保存在手机上' } as const

/** The form as the contract types its input: values the shared schema has just accepted on the phone (the server checks them again). */
const asForm = (values: FormValues) => values as ActionInput<'applicant', 'submit'>['form']

const scrollTo = (path: string) => void Taro.pageScrollTo({ selector: `#${fieldDomId(path)}`, duration: 200 })
const scrollTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })

/**
 * The application form, a step at a time: each step checked with the shared schemas before the
 * next, the draft kept on the phone at once and on the server shortly after, reopening where the
 * worker left it. A returned application opens here too, its fields to fix marked.
 */
export default function ApplyFormPage() {
  const [largeText] = useLargeText()
  // 代为申请: a caseworker typing an assisted application opens the form with its id.
  const assisted = readParam(useRouter().params.assisted) || undefined
  const d = useDraft(assisted)
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set())
  const [server, setServer] = useState<Messages>({})
  const [submitting, setSubmitting] = useState(false)
  // Opened from the review (修改) or the list of fields to fix: the step's button goes straight back.
  const [backToReview, setBackToReview] = useState(false)
  // One key per version of the form: a retried tap reuses it, an edit makes the next submit a new request.
  const requestId = useRef<string | null>(null)

  useEffect(() => {
    if (d.meta.mode === 'fix') void Taro.setNavigationBarTitle({ title: '修改申请' })
  }, [d.meta.mode])

  const { values, step, consent } = d.draft
  const unitName = useUnitName(values.applicant.unitId)
  // The union's status template for the unit applied to, ready before the tap that asks for it.
  const subscribe = useSubscribeOffer(values.applicant.unitId || undefined)
  const index = stepIndex(step)
  const all = useMemo(() => stepProblems(step, values, consent), [step, values, consent])
  const messages = visibleMessages(all, shown, server)
  const marked = useMemo(() => new Set(d.meta.fieldsToFix), [d.meta.fieldsToFix])
  const show = (paths: string[]) => setShown((prev) => new Set([...prev, ...paths]))

  if (d.meta.inProgress) return <InProgress largeText={largeText} app={d.meta.inProgress} />

  if (d.loading) {
    return (
      <View className={pageClass(largeText)}>
        <Text className='state-text'>正在打开…</Text>
      </View>
    )
  }

  const p: StepProps = {
    values,
    messages,
    marked,
    onChange: (path, value) => {
      d.setValues((v) => setValueAt(v, path, value))
      setServer((prev) => (path in prev ? Object.fromEntries(Object.entries(prev).filter(([k]) => k !== path)) : prev))
      requestId.current = null
    },
    onBlur: (path) => show([path]),
  }

  const goTo = (target: FormStep) => {
    d.goTo(target)
    scrollTop()
    if (target === 'review') setBackToReview(false)
  }

  const editFrom = (target: FormStep) => {
    goTo(target)
    setBackToReview(target !== 'review')
  }

  const next = () => {
    const problems = Object.keys(stepProblems(step, values, consent))
    if (problems.length) {
      show(problems)
      void Taro.showToast({ title: '请按提示修改后继续', icon: 'none' })
      scrollTo(problems[0])
      return
    }
    goTo(backToReview ? 'review' : STEPS[index + 1].key)
  }

  const showServerError = (error: ApiError) => {
    const path = error.field?.replace(/^form\./, '')
    if (error.code === 'VALIDATION' && path && path !== 'file') {
      setServer({ [path]: error.message })
      d.goTo(stepOfField(path))
      setTimeout(() => scrollTo(path), 300)
      void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 })
    } else if (error.code === 'CONFLICT') {
      void Taro.showModal({ title: '暂时不能提交', content: error.message, confirmText: '我的申请', cancelText: '知道了', confirmColor: '#1565c0' }).then((res) => {
        if (res.confirm) void Taro.redirectTo({ url: ROUTES.myApplications })
      })
    } else {
      void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 })
    }
  }

  const onSubmit = async () => {
    if (submitting) return
    const agreed = consentOf(consent)
    const first = firstStepWithProblems(values, consent)
    if (first || !agreed) {
      const target = first ?? 'consent'
      show(Object.keys(stepProblems(target, values, consent)))
      goTo(target)
      void Taro.showToast({ title: '还有内容需要填写或修改', icon: 'none' })
      return
    }
    // WeChat's subscribe dialog opens only straight from the tap: asked here, before any await (not for a caseworker typing for a worker).
    const asked = assisted ? Promise.resolve() : subscribe.ask(['statusChanged'])
    setSubmitting(true)
    requestId.current ??= newRequestId()
    let reply
    const id = d.idNow()
    if (d.meta.mode === 'fix' && id) {
      const version = await d.saveForVersion()
      reply = version === null ? null : await api.applicant.resubmit({ id, expectedVersion: version, form: asForm(values), consent: agreed }, { requestId: requestId.current })
    } else {
      // The submit carries the whole form, so the draft is saved first only when the submit fails (one write less).
      await d.whenIdle()
      reply = await api.applicant.submit({ form: asForm(values), consent: agreed, ...(assisted ? { assisted } : {}) }, { requestId: requestId.current })
      if (!reply.ok) void d.saveNow()
    }
    if (reply?.ok) {
      d.forget()
      await asked
      void Taro.redirectTo({ url: assisted ? ROUTES.reviewCase(reply.data.id) : ROUTES.application(reply.data.id) })
      return
    }
    setSubmitting(false)
    if (reply) showServerError(reply.error)
    else void Taro.showToast({ title: '网络连接失败，请检查网络后重试', icon: 'none' })
  }

  const isLast = step === 'review'

  return (
    <View className={pageClass(largeText, 'apply-form')} data-step={step}>
      <StepProgress current={index} titles={STEPS.map((s) => s.title)} />
      {d.meta.mode === 'fix' && <FixBanner meta={d.meta} values={values} documents={d.meta.documents} problems={new Set(Object.keys(all))} onOpen={(f) => editFrom(stepOfField(f))} />}

      {assisted && (
        <View className='card apply-form__returned' data-assisted={assisted}>
          <Text className='card__title'>代为申请</Text>
          <Text className='apply-form__note'>您正在为职工代为填写，请在“上传材料”一步上传职工签字的代办授权书。</Text>
        </View>
      )}
      {step === 'consent' && <ConsentStep consent={consent} messages={messages} onChange={d.setConsent} />}
      {step === 'consent' && !assisted && d.meta.mode === 'draft' && <RelativeCard relative={d.draft.relative} messages={messages} onChange={d.setRelative} />}
      {step === 'applicant' && <ApplicantStep p={p} />}
      {step === 'members' && <MembersStep p={p} onMembers={(members) => d.setValues((v) => ({ ...v, members }))} />}
      {step === 'finances' && <FinancesStep p={p} />}
      {step === 'causes' && <CausesStep p={p} />}
      {step === 'bank' && <BankStep p={p} />}
      {step === 'documents' && (
        <DocumentsStep
          documents={d.meta.documents}
          onDocuments={d.setDocuments}
          ensureSaved={async () => ((await d.saveNow()) ? d.idNow() : null)}
          assisted={assisted}
          suggested={assisted || d.draft.relative ? [...documentsForDraft(values), AUTHORISATION_KIND] : documentsForDraft(values)}
        />
      )}
      {step === 'review' && <ReviewStep values={values} documents={d.meta.documents} unitName={unitName} onEdit={editFrom} />}

      <Text className='apply-form__sync muted' data-sync={d.sync}>
        {SYNC_TEXT[d.sync]}
      </Text>
      <View className='apply-form__nav'>
        {index > 0 && (
          <Button className='btn btn--secondary apply-form__back' onClick={() => goTo(STEPS[index - 1].key)}>
            上一步
          </Button>
        )}
        {isLast ? (
          <Button
            // Keyed: reusing the 下一步 button's element would reset its text under Taro's loading spinner (see FormFrame).
            key='submit'
            className={submitting ? 'btn btn--primary btn--busy apply-form__submit' : 'btn btn--primary apply-form__submit'}
            disabled={submitting}
            loading={submitting}
            onClick={() => void onSubmit()}
          >
            {/* In a Text, not bare: see FormFrame (a changing bare label breaks Taro's H5 loading button). */}
            <Text>{submitting ? '正在提交…' : d.meta.mode === 'fix' ? '重新提交' : '提交申请'}</Text>
          </Button>
        ) : (
          <Button key='next' className='btn btn--primary apply-form__next' onClick={next}>
            {step === 'consent' ? '同意并继续' : backToReview ? '改好了，回到核对' : '下一步'}
          </Button>
        )}
      </View>
    </View>
  )
}
