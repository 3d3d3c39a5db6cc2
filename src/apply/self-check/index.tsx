import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/form-field'
import type { SelfCheckResult } from '@/domain/api/applicant'
import { documentKindLabel } from '@/domain/documents'
import { YES_NO } from '@/domain/form-codes'
import { hardshipCategoryLabel, SelfCheckSchema } from '@/domain/self-check'
import { problemsByField, validate } from '@/domain/validate'
import type { ActionInput } from '@/domain/api'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import { formatMonthlyPerPerson } from '@/text/format'
import ChoiceChips from '@/components/choice-chips'
import UnionPicker from '../components/union-picker'
import { writeSelfCheckCarry } from '../form/local-draft'
import './index.css'

type Key = 'householdSize' | 'annualIncome' | 'medicalExpenses' | 'schoolingExpenses' | 'otherRigidExpenses' | 'accidentOrDisaster' | 'hardshipCosts'
const EMPTY: Record<Key, string> = { householdSize: '', annualIncome: '', medicalExpenses: '0', schoolingExpenses: '0', otherRigidExpenses: '0', accidentOrDisaster: 'no', hardshipCosts: '0' }

const MONEY: { key: Key; label: string; hint?: string }[] = [
  { key: 'annualIncome', label: '家庭年收入', hint: '近12个月全家的工资、经营、养老金等收入合计' },
  { key: 'medicalExpenses', label: '医疗支出', hint: '近12个月自付的医药费、住院费' },
  { key: 'schoolingExpenses', label: '教育支出', hint: '子女学费、住宿费' },
  { key: 'otherRigidExpenses', label: '其他刚性支出' },
  { key: 'hardshipCosts', label: '今年因病因灾等产生的费用' },
]


/**
 * 困难自测: a few household figures give the likely category against the worker's union's
 * thresholds and the documents to prepare; the figures carry over into the application.
 */
export default function SelfCheckPage() {
  const [largeText] = useLargeText()
  const [unitId, setUnitId] = useState('')
  const [values, setValues] = useState(EMPTY)
  const [messages, setMessages] = useState<Record<string, string>>({})
  const [result, setResult] = useState<SelfCheckResult | null>(null)
  const [busy, setBusy] = useState(false)

  const change = (key: Key, v: string) => {
    setValues((prev) => ({ ...prev, [key]: v }))
    setMessages((prev) => ({ ...prev, [key]: '' }))
    setResult(null)
  }

  const run = async () => {
    const input = { ...values, ...(unitId ? { unitId } : {}) }
    const checked = validate(SelfCheckSchema, input)
    if (!checked.ok) {
      setMessages(problemsByField(checked.problems))
      void Taro.showToast({ title: '请按提示填写', icon: 'none' })
      return
    }
    setBusy(true)
    const reply = await api.applicant.selfCheck(input as ActionInput<'applicant', 'selfCheck'>)
    setBusy(false)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    setResult(reply.data)
    setTimeout(() => void Taro.pageScrollTo({ selector: '#self-check-result', duration: 200 }), 100)
  }

  const apply = () => {
    writeSelfCheckCarry({ unitId, finances: values })
    void Taro.navigateTo({ url: ROUTES.applyForm })
  }

  return (
    <View className={pageClass(largeText, 'self-check')}>
      <View className='card'>
        <Text className='card__title'>看看是否符合帮扶条件</Text>
        <Text className='muted'>填写几个数字，按所在工会的标准估算困难类别。结果仅供参考，以工会审核为准；这里填写的内容不会保存。</Text>
      </View>
      <View className='card'>
        <FormField field='householdSize' label='家庭人口' keyboard='number' maxlength={2} unit='人' hint='共同生活的家庭成员人数，含您本人'
          value={values.householdSize} error={messages.householdSize} onInput={(v) => change('householdSize', v)} onBlur={(v) => change('householdSize', v)} />
        {MONEY.map(({ key, label, hint }) => (
          <FormField key={key} field={key} label={label} hint={hint} keyboard='digit' unit='元' maxlength={13} placeholder='没有请填0'
            value={values[key]} error={messages[key]} onInput={(v) => change(key, v)} onBlur={(v) => change(key, v)} />
        ))}
        <ChoiceChips field='accidentOrDisaster' label='近一年是否遭遇重大事故或灾害' options={YES_NO} value={values.accidentOrDisaster}
          error={messages.accidentOrDisaster} onChange={(v) => change('accidentOrDisaster', String(v))} />
        <UnionPicker field='unitId' label='所在工会' hint='不确定可以先不选，按上级工会的标准估算' value={unitId} onChange={(id) => {
          setUnitId(id)
          setResult(null)
        }} />
      </View>
      <Button className={busy ? 'btn btn--primary btn--busy self-check__run' : 'btn btn--primary self-check__run'} disabled={busy} onClick={() => void run()}>
        {busy ? '正在测算…' : '开始测算'}
      </Button>

      {result && (
        <View className='card self-check__result' id='self-check-result' data-category={result.assessment.category}>
          <Text className='self-check__caption'>测算结果（{result.policyUnitName}标准）</Text>
          <Text className={`self-check__category self-check__category--${result.assessment.category}`}>{hardshipCategoryLabel(result.assessment.category)}</Text>
          <Text className='self-check__figure muted'>
            当地低保标准 {formatMonthlyPerPerson(result.assessment.thresholds.deepLineFen)}，相对困难标准 {formatMonthlyPerPerson(result.assessment.thresholds.relativeLineFen)}
          </Text>
          {result.assessment.reasons.map((r) => (
            <Text key={r} className='self-check__reason'>· {r}</Text>
          ))}
          <Text className='card__title self-check__docs-title'>申请时请准备</Text>
          {result.documents.map((doc) => (
            <Text key={doc.kind} className='self-check__doc'>
              · {documentKindLabel(doc.kind)}：{doc.why}
            </Text>
          ))}
          {result.assessment.category === 'not-eligible' && (
            <Text className='self-check__note'>按目前填写的情况暂不符合帮扶条件。如家庭情况有特殊困难，仍可提交申请，由工会审核。</Text>
          )}
          <Button className='btn btn--primary self-check__apply' onClick={apply}>
            开始申请（带入以上数字）
          </Button>
        </View>
      )}
    </View>
  )
}
