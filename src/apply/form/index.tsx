import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import CausePicker from '@/components/cause-picker'
import FormField from '@/components/form-field'
import { APPLICATION_FIELD_LABELS as LABELS } from '@/domain/field-labels'
import type { ApiError } from '@/domain/contract'
import { problemsByField } from '@/domain/validate'
import { submit } from '@/services/applicant'
import { ROUTES } from '@/services/routes'
import { FORM_FIELDS, isFormField, type FieldMessages } from './form-state'
import { useApplicationForm } from './use-application-form'
import './index.css'

function scrollToFirstProblem(messages: FieldMessages): void {
  const first = FORM_FIELDS.find((f) => messages[f])
  if (first) void Taro.pageScrollTo({ selector: `#field-${first}`, duration: 200 })
}

/** The application form: validated field by field with the server's own schema, submitted once. */
export default function ApplyFormPage() {
  const form = useApplicationForm()
  const [submitting, setSubmitting] = useState(false)
  const { values, messages } = form

  const showServerError = (error: ApiError) => {
    if (error.code === 'VALIDATION' && error.field && isFormField(error.field)) {
      form.setServerMessage(error.field, error.message)
      scrollToFirstProblem({ [error.field]: error.message })
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
    const checked = form.validateAll()
    if (!checked.ok) {
      void Taro.showToast({ title: '请按提示修改后再提交', icon: 'none' })
      scrollToFirstProblem(problemsByField(checked.problems))
      return
    }
    setSubmitting(true)
    const reply = await submit(checked.value, form.requestId())
    if (reply.ok) {
      void Taro.redirectTo({ url: ROUTES.application(reply.data.id) })
      return
    }
    setSubmitting(false)
    showServerError(reply.error)
  }

  return (
    <View className='page apply-form'>
      <View className='card apply-form__intro'>
        <Text className='card__title'>填写帮扶申请</Text>
        <Text className='muted'>请如实填写以下信息，提交后由所在工会审核并与您联系。</Text>
      </View>
      <View className='card'>
        <FormField field='name' label={LABELS.name} value={values.name} placeholder='请输入您的姓名' maxlength={30}
          error={messages.name} onInput={(v) => form.change('name', v)} onBlur={(v) => form.blur('name', v)} />
        <View className='apply-form__privacy'>
          <Text>身份证号和手机号码将加密保存，仅用于本次帮扶审核。</Text>
        </View>
        <FormField field='idNumber' label={LABELS.idNumber} value={values.idNumber} placeholder='18位身份证号码'
          keyboard='idcard' maxlength={18} error={messages.idNumber}
          onInput={(v) => form.change('idNumber', v)} onBlur={(v) => form.blur('idNumber', v)} />
        <FormField field='phone' label={LABELS.phone} value={values.phone} placeholder='11位手机号码'
          keyboard='number' maxlength={11} error={messages.phone}
          onInput={(v) => form.change('phone', v)} onBlur={(v) => form.blur('phone', v)} />
        <FormField field='employer' label={LABELS.employer} value={values.employer} placeholder='请输入工作单位全称'
          maxlength={60} error={messages.employer}
          onInput={(v) => form.change('employer', v)} onBlur={(v) => form.blur('employer', v)} />
        <CausePicker label={LABELS.mainCause} value={values.mainCause} error={messages.mainCause}
          onChange={(code) => form.choose('mainCause', code)} />
      </View>
      <Button className={submitting ? 'btn btn--primary btn--busy apply-form__submit' : 'btn btn--primary apply-form__submit'} disabled={submitting} loading={submitting} onClick={() => void onSubmit()}>
        {submitting ? '正在提交…' : '提交申请'}
      </Button>
    </View>
  )
}
