import { formValues } from '../../../test/support/forms'
import { emptyFormValues } from '@/domain/form-values'
import { firstStepWithProblems, NO_CONSENT, setValueAt, stepOfField, stepProblems, valueAt, visibleMessages } from './form-model'

const AGREED = { privacyVersion: true, sensitiveVersion: true, financeCheckVersion: true }

describe('the form, a step at a time', () => {
  it('checks each step with the shared schema, naming fields by path', () => {
    expect(stepProblems('consent', emptyFormValues(), { ...NO_CONSENT, privacyVersion: true })).toEqual({
      'consent.sensitiveVersion': '请单独同意处理敏感个人信息',
      'consent.financeCheckVersion': '请同意家庭经济状况核对授权',
    })
    expect(stepProblems('applicant', formValues(), AGREED)).toEqual({})
    const v = setValueAt(formValues(), 'applicant.idNumber', '532504199001011234')
    expect(stepProblems('applicant', v, AGREED)).toEqual({ 'applicant.idNumber': '身份证号校验位不正确，请核对' })
    expect(stepProblems('members', setValueAt(formValues(), 'members.0.idNumber', '532504199001011238'), AGREED)).toEqual({
      'members.0.idNumber': '家庭成员1：身份证号与申请人相同',
    })
    expect(stepProblems('causes', { ...formValues(), description: '' }, AGREED)).toEqual({ description: '请简要说明家庭困难情况（至少10个字）' })
    expect(stepProblems('documents', emptyFormValues(), AGREED)).toEqual({})
  })

  it('finds the first step still to do, and where a server message belongs', () => {
    expect(firstStepWithProblems(formValues(), AGREED)).toBeNull()
    expect(firstStepWithProblems(formValues(), NO_CONSENT)).toBe('consent')
    expect(firstStepWithProblems(setValueAt(formValues(), 'bank.accountNumber', '1'), AGREED)).toBe('bank')
    expect(stepOfField('form.members.1.idNumber')).toBe('members')
    expect(stepOfField('description')).toBe('causes')
    expect(stepOfField('form.applicant.unitId')).toBe('applicant')
  })

  it('reads and writes values by path without touching the rest', () => {
    const before = formValues({ memberIds: ['532504198503150022', '532504201003030029'] })
    const after = setValueAt(before, 'members.1.name', '张小军')
    expect(valueAt(after, 'members.1.name')).toBe('张小军')
    expect(after.members[0]).toBe(before.members[0])
    expect(after.applicant).toBe(before.applicant)
    expect(valueAt(after, 'causes.secondaryCauses')).toEqual(['schooling'])
    expect(valueAt(after, 'members.7.name')).toBe('')
  })

  it('shows the server’s message first, the schema’s only for fields already left', () => {
    const all = { 'applicant.name': '请填写姓名', 'applicant.phone': '请填写手机号码' }
    expect(visibleMessages(all, new Set(['applicant.phone']), { 'applicant.idNumber': '该身份证号已有正在办理的帮扶申请' })).toEqual({
      'applicant.idNumber': '该身份证号已有正在办理的帮扶申请',
      'applicant.phone': '请填写手机号码',
    })
  })
})
