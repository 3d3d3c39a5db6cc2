import fc from 'fast-check'
import { ApplicationFormSchema } from './application-form'
import { maskIdNumber, maskName, maskPhone } from './mask'
import { isValidMobile } from './phone'
import { problemsByField, validate } from './validate'

const form = { name: '张小明', idNumber: '532504199001011238', phone: '13812345678', employer: '弥勒市农机厂', mainCause: 'illness' }

describe('application form schema', () => {
  it('accepts a valid form and normalises it', () => {
    const r = validate(ApplicationFormSchema, { ...form, name: ' 张小明 ', idNumber: '11010519491231002x', phone: '138 1234 5678' })
    expect(r).toEqual({ ok: true, value: { ...form, idNumber: '11010519491231002X' } })
  })

  it.each([
    ['name', '', '请填写姓名'],
    ['name', '张', '姓名只能包含汉字、字母或间隔号，至少2个字'],
    ['idNumber', '532504199001011234', '身份证号校验位不正确，请核对'],
    ['idNumber', '12345', '身份证号应为18位，最后一位可以是数字或X'],
    ['phone', '12345678901', '手机号码应为11位，以1开头'],
    ['phone', '', '请填写手机号码'],
    ['employer', '   ', '请填写工作单位'],
    ['employer', '厂'.repeat(61), '工作单位不能超过60个字'],
    ['mainCause', 'lazy', '请选择主要致困原因'],
  ])('%s = %j -> %s', (field, value, message) => {
    const r = validate(ApplicationFormSchema, { ...form, [field]: value })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(problemsByField(r.problems)).toEqual({ [field]: message })
  })

  it('names a missing field and an unknown one', () => {
    const { phone: _omit, ...rest } = form
    const missing = validate(ApplicationFormSchema, rest)
    expect(!missing.ok && missing.problems[0]).toEqual({ field: 'phone', message: '请填写手机号码' })
    const extra = validate(ApplicationFormSchema, { ...form, status: 'filed' })
    expect(!extra.ok && extra.problems[0]).toEqual({ field: 'status', message: '不支持的字段：status' })
  })

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = validate(ApplicationFormSchema, x)
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 2000 },
    )
  })
})

describe('masks and phones', () => {
  it('masks as DESIGN.md shows', () => {
    expect(maskIdNumber('532504199001011238')).toBe('5325**********1238')
    expect(maskName('张小明')).toBe('张*明')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('checks mainland mobile numbers', () => {
    expect(isValidMobile('+86 138-1234-5678')).toBe(true)
    expect(isValidMobile('12812345678')).toBe(false)
    expect(isValidMobile('1381234567')).toBe(false)
  })
})
