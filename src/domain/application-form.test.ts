import fc from 'fast-check'
import { formValues } from '../../test/support/forms'
import { ApplicationFormSchema, MAX_MEMBERS } from './application-form'
import { emptyFormValues, formToValues, FormValuesSchema, type FormValues } from './form-values'
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './mask'
import { isValidMobile } from './phone'
import { problemsByField, validate } from './validate'

const check = (values: unknown) => validate(ApplicationFormSchema, values)
const messagesOf = (values: unknown) => {
  const r = check(values)
  return r.ok ? {} : problemsByField(r.problems)
}
const withValue = (path: string, value: unknown): FormValues => {
  const v = structuredClone(formValues({ memberIds: ['532504198503150022', '532504201003030029'] })) as unknown as Record<string, unknown>
  const keys = path.split('.')
  let at = v
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>
  at[keys[keys.length - 1]] = value
  return v as unknown as FormValues
}

describe('the national file form schema', () => {
  it('accepts a complete form and gives money in fen, numbers and booleans', () => {
    const r = check({ ...formValues(), applicant: { ...formValues().applicant, idNumber: ' 11010519491231002x ', phone: '138 1234 5678' } })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.applicant).toMatchObject({ idNumber: '11010519491231002X', phone: '13812345678', housingArea: 45, zeroEmploymentFamily: false })
    expect(r.value.finances).toEqual({
      householdSize: 3, annualIncome: 2400000, applicantMonthlyIncome: 200000, medicalExpenses: 600000, schoolingExpenses: 300000,
      otherRigidExpenses: 0, accidentOrDisaster: false, hardshipCosts: 0,
    })
    expect(r.value.members[0]).toMatchObject({ idNumber: '532504198503150022', monthlyIncome: 0, relation: 'spouse' })
  })

  it.each([
    ['applicant.name', '', '请填写姓名'],
    ['applicant.name', '张', '姓名只能包含汉字、字母或间隔号，至少2个字'],
    ['applicant.idNumber', '532504199001011234', '身份证号校验位不正确，请核对'],
    ['applicant.idNumber', '12345', '身份证号应为18位，最后一位可以是数字或X'],
    ['applicant.phone', '12345678901', '手机号码应为11位，以1开头'],
    ['applicant.health', '', '请选择健康状况'],
    ['applicant.employer', '   ', '请填写工作单位'],
    ['applicant.employer', '厂'.repeat(61), '工作单位不能超过60个字'],
    ['applicant.unitId', '', '请选择所在工会'],
    ['applicant.housingArea', '45.5', '住房面积应为整数'],
    ['applicant.zeroEmploymentFamily', 'maybe', '请选择是否零就业家庭'],
    ['members.1.idNumber', '532504201003030028', '家庭成员2：身份证号校验位不正确，请核对'],
    ['members.0.name', '', '家庭成员1：请填写姓名'],
    ['members.1.relation', 'boss', '家庭成员2：请选择与申请人关系'],
    ['members.0.monthlyIncome', '-5', '家庭成员1：月收入应为金额，单位元，最多两位小数'],
    ['finances.householdSize', '0', '家庭人口至少为1人'],
    ['finances.annualIncome', '两万', '家庭年收入应为金额，单位元，最多两位小数'],
    ['finances.annualIncome', '', '请填写家庭年收入（没有请填0）'],
    ['finances.medicalExpenses', '12.345', '医疗支出应为金额，单位元，最多两位小数'],
    ['causes.mainCause', 'lazy', '请选择主要致困原因'],
    ['causes.secondaryCauses', ['schooling', 'disability', 'disaster', 'low-wage'], '次要致困原因最多选3项'],
    ['causes.secondaryCauses', ['schooling', 'schooling'], '次要致困原因不能重复'],
    ['bank.accountNumber', '6228 48', '银行账号应为12到30位数字'],
    ['description', '很困难', '请简要说明家庭困难情况（至少10个字）'],
  ])('%s = %j -> %s', (path, value, message) => {
    expect(messagesOf(withValue(path, value))).toEqual({ [path]: message })
  })

  it.each([
    ['members.1.idNumber', '532504199001011238', '家庭成员2：身份证号与申请人相同'],
    ['members.1.idNumber', '532504198503150022', '家庭成员2：身份证号与家庭成员1重复'],
    ['finances.householdSize', '2', '家庭人口不能少于申请人和家庭成员的人数（3人）'],
    ['causes.secondaryCauses', ['illness'], '次要致困原因不能与主要致困原因相同'],
    ['bank.accountName', '李小红', '户名应与申请人姓名一致，帮扶资金只发放到本人账户'],
  ])('cross-field rule at %s: %j -> %s', (path, value, message) => {
    expect(messagesOf(withValue(path, value))).toEqual({ [path]: message })
  })

  it(`takes up to ${MAX_MEMBERS} members`, () => {
    const ids = Array.from({ length: 11 }, (_, i) => `5325042010030300${String(10 + i)}`)
    const members = ids.map(() => formValues().members[0])
    const ten = { ...formValues(), members: members.slice(0, 10), finances: { ...formValues().finances, householdSize: '11' } }
    expect(messagesOf(ten)['members']).toBeUndefined()
    expect(messagesOf({ ...ten, members })['members']).toBe('家庭成员最多填写10人')
  })

  it('names a missing nested field and an unknown one by their paths', () => {
    const { phone: _omit, ...applicant } = formValues().applicant
    expect(messagesOf({ ...formValues(), applicant })).toEqual({ 'applicant.phone': '请填写手机号码' })
    expect(messagesOf({ ...formValues(), applicant: { ...formValues().applicant, role: 'admin' } })).toEqual({ 'applicant.role': '不支持的字段：applicant.role' })
    const { idNumber: _id, ...member } = formValues().members[0]
    expect(messagesOf({ ...formValues(), members: [member] })).toEqual({ 'members.0.idNumber': '家庭成员1：请填写身份证号' })
  })

  it('gives a stored form back as the text a form shows, which checks to the same form', () => {
    const r = check(formValues({ memberIds: ['532504198503150022', '532504201003030029'] }))
    if (!r.ok) throw new Error('invalid fixture')
    const again = check(formToValues(r.value))
    expect(again).toEqual({ ok: true, value: r.value })
  })

  it('never throws, and answers every problem in Chinese, on arbitrary input', () => {
    const leaf = fc.oneof(fc.string(), fc.anything(), fc.constantFrom('', '0', 'yes', '532504199001011238', '12.5'))
    const shaped = fc.record({ applicant: fc.dictionary(fc.constantFrom(...Object.keys(formValues().applicant)), leaf), members: fc.array(fc.dictionary(fc.string(), leaf), { maxLength: 12 }) })
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped.map((s) => ({ ...formValues(), ...s }))), (x) => {
        const r = check(x)
        if (!r.ok) for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/)
      }),
      { numRuns: 1500 },
    )
  })
})

describe('drafts', () => {
  it('take half-filled text and fill the missing parts with nothing', () => {
    const r = validate(FormValuesSchema, { applicant: { ...emptyFormValues().applicant, name: '张' } })
    expect(r).toEqual({ ok: true, value: { ...emptyFormValues(), applicant: { ...emptyFormValues().applicant, name: '张' } } })
  })

  it('refuse what is not a draft: numbers, unknown keys, 11 members, very long text', () => {
    expect(validate(FormValuesSchema, { applicant: { name: 5 } }).ok).toBe(false)
    expect(validate(FormValuesSchema, { admin: true }).ok).toBe(false)
    expect(validate(FormValuesSchema, { members: Array.from({ length: 11 }, () => ({})) }).ok).toBe(false)
    expect(validate(FormValuesSchema, { description: 'x'.repeat(501) }).ok).toBe(false)
  })
})

describe('masks and phones', () => {
  it('masks as DESIGN.md shows', () => {
    expect(maskIdNumber('532504199001011238')).toBe('5325**********1238')
    expect(maskName('张小明')).toBe('张*明')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskBankAccount('6228480123456789012')).toBe('6228 **** 9012')
  })

  it('checks mainland mobile numbers', () => {
    expect(isValidMobile('+86 138-1234-5678')).toBe(true)
    expect(isValidMobile('12812345678')).toBe(false)
    expect(isValidMobile('1381234567')).toBe(false)
  })
})
