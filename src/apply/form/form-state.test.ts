import { EMPTY_FORM, FORM_FIELDS, isFormField, validateForm, visibleMessages, type FormField } from './form-state'

const valid = { name: '张小明', idNumber: '532504199001011238', phone: '13812345678', employer: '弥勒市农机厂', mainCause: 'illness' }
const none = new Set<FormField>()
const all = new Set<FormField>(FORM_FIELDS)

describe('application form state', () => {
  it('shows nothing before the user has left a field', () => {
    expect(visibleMessages(EMPTY_FORM, none, {})).toEqual({})
  })

  it('shows the schema message of each field the user has left', () => {
    const messages = visibleMessages({ ...EMPTY_FORM, idNumber: '12345' }, new Set<FormField>(['name', 'idNumber']), {})
    expect(messages).toEqual({ name: '请填写姓名', idNumber: '身份证号应为18位，最后一位可以是数字或X' })
  })

  it('shows every message after a submit attempt, in screen order', () => {
    expect(Object.keys(visibleMessages(EMPTY_FORM, all, {}))).toEqual([...FORM_FIELDS])
  })

  it('shows a server message even where the schema is satisfied', () => {
    expect(visibleMessages(valid, all, { idNumber: '该身份证号已有进行中的申请' })).toEqual({ idNumber: '该身份证号已有进行中的申请' })
  })

  it('validates with the shared schema and returns the normalised form', () => {
    expect(validateForm({ ...valid, name: ' 张小明 ' })).toEqual({ ok: true, value: valid })
  })

  it('knows its own fields', () => {
    expect(isFormField('phone')).toBe(true)
    expect(isFormField('role')).toBe(false)
  })
})
