import { formValues, MORE_ID_NUMBERS } from '../../test/support/forms'
import { ApplicationFormSchema } from './application-form'
import { documentsForDraft } from './documents'
import { maskOf, type FieldKind } from './field-kinds'
import { draftRows, fileRows, onFilePart, shownPart, shownRows, splitMember } from './field-rows'
import { APPLICATION_FIELDS, fieldAt, FORM_PARTS, isFieldPath, isRevealablePath, MEMBER_FIELDS, valueAtPath } from './form-fields'
import { formFieldName } from './form-labels'
import { emptyFormValues, formToValues, FormValuesSchema, type FormValues } from './form-values'
import { HOUSEHOLD_EXPORT_COLUMNS } from './household-export'
import { problemsByField, validate } from './validate'

const CHINESE = /[\u4e00-\u9fa5]/

/** A value each kind refuses, as a form would hold it. */
const BAD: Record<FieldKind['type'], unknown> = {
  text: '   ',
  longText: '太短',
  personName: '1',
  code: 'no-such-code',
  codes: ['no-such-code'],
  yesNo: 'maybe',
  money: '一百',
  count: '1.5',
  idNumber: '12345',
  mobile: '2345',
  bankAccount: '12-34',
  unit: '',
}

/** The form of the fixtures with one field (a member's by index) set to `value`. */
function withValue(path: string, value: unknown): FormValues {
  const v = structuredClone(formValues({ memberIds: ['532504198503150022', '532504201003030029'] })) as unknown as Record<string, unknown>
  const keys = path.split('.')
  const parent = keys.slice(0, -1).reduce((at, k) => at[k] as Record<string, unknown>, v)
  parent[keys[keys.length - 1]] = value
  return v as unknown as FormValues
}

const concrete = (path: string) => path.replace('members.*', 'members.1')

describe('the application-field registry', () => {
  it('gives every field a Chinese label, a kind, an export header, a sensitivity and a unique path', () => {
    expect(APPLICATION_FIELDS.length).toBeGreaterThan(30)
    for (const f of APPLICATION_FIELDS) {
      expect(f.label).toMatch(CHINESE)
      expect(f.header).toMatch(CHINESE)
      expect(Object.keys(BAD)).toContain(f.kind.type)
      expect(['encrypted', 'masked', 'revealable']).toContain(f.sensitivity)
      expect(fieldAt(concrete(f.path))).toBe(f)
    }
    expect(new Set(APPLICATION_FIELDS.map((f) => f.path)).size).toBe(APPLICATION_FIELDS.length)
  })

  it('keeps the codes of every coded field unique, each with a label', () => {
    for (const f of APPLICATION_FIELDS) {
      if (f.kind.type !== 'code' && f.kind.type !== 'codes') continue
      const codes = f.kind.codes.map((c) => c.code)
      expect(new Set(codes).size).toBe(codes.length)
      for (const c of f.kind.codes) expect(c.label).toMatch(CHINESE)
    }
  })

  it('can mask every masked or revealable field', () => {
    for (const f of APPLICATION_FIELDS.filter((x) => x.sensitivity !== 'encrypted')) expect(maskOf(f.kind)).toBeDefined()
  })

  it('exports every field of the export view once, under its header', () => {
    const exported = APPLICATION_FIELDS.filter((f) => f.views.includes('export'))
    for (const f of exported) expect(HOUSEHOLD_EXPORT_COLUMNS.filter((c) => c.key === f.path)).toEqual([expect.objectContaining({ header: f.header })])
    const headers = HOUSEHOLD_EXPORT_COLUMNS.map((c) => c.header)
    expect(new Set(headers).size).toBe(headers.length)
    expect(HOUSEHOLD_EXPORT_COLUMNS.filter((c) => c.sensitive).map((c) => c.header)).toEqual(expect.arrayContaining(['身份证号', '银行账号', '联系电话', '家庭成员']))
  })

  it('derives a schema that accepts the fixtures, and their stored form back as text', () => {
    for (const values of [formValues(), formValues({ memberIds: [] }), formValues({ memberIds: MORE_ID_NUMBERS.slice(2, 6) })]) {
      const r = validate(ApplicationFormSchema, values)
      expect(r).toMatchObject({ ok: true })
      if (r.ok) expect(validate(ApplicationFormSchema, formToValues(r.value))).toEqual(r)
    }
    expect(validate(FormValuesSchema, emptyFormValues())).toEqual({ ok: true, value: emptyFormValues() })
  })

  it.each(APPLICATION_FIELDS.map((f) => [concrete(f.path), f.kind.type] as const))('refuses a bad %s (%s), naming the field', (path, type) => {
    const f = fieldAt(path)!
    const problems = (() => {
      const r = validate(ApplicationFormSchema, withValue(path, BAD[type]))
      return r.ok ? {} : problemsByField(r.problems)
    })()
    expect(Object.keys(problems)).toEqual([path])
    const message = problems[path]
    // A member's message says which member; the label, or for an ID number its own word, names the field.
    if (path.startsWith('members.')) expect(message).toMatch(/^家庭成员2：/)
    expect(message.includes(f.label) || (type === 'idNumber' && message.includes('身份证号')) || (type === 'longText' && message.includes(f.prompt ?? ''))).toBe(true)
  })

  it('names fields for people, a member with their number', () => {
    expect(formFieldName('members.1.idNumber')).toBe('家庭成员2 身份证号')
    expect(formFieldName('form.members.0.monthlyIncome', '')).toBe('家庭成员1月收入')
    expect(formFieldName('applicant.health')).toBe('健康状况')
    expect(formFieldName('members.0.monthlyIncome', ' ', ['李小红'])).toBe('李小红 月收入')
    expect(formFieldName('documents')).toBe('证明材料')
    expect(isFieldPath('members.12.name') && isFieldPath('description') && !isFieldPath('applicant') && !isFieldPath('step')).toBe(true)
  })

  it('lets only revealable values be revealed, by their exact path', () => {
    const revealable = APPLICATION_FIELDS.filter((f) => isRevealablePath(concrete(f.path))).map((f) => f.path)
    expect(revealable).toEqual(APPLICATION_FIELDS.filter((f) => f.sensitivity === 'revealable').map((f) => f.path))
    expect(revealable).toEqual(expect.arrayContaining(['applicant.idNumber', 'applicant.phone', 'members.*.idNumber', 'bank.accountNumber']))
    for (const path of ['applicant.name', 'form.applicant.idNumber', 'members.idNumber', 'members.100.idNumber', 'bank']) expect(isRevealablePath(path)).toBe(false)
  })
})

describe('views of a form from the registry', () => {
  const r = validate(ApplicationFormSchema, formValues())
  if (!r.ok) throw new Error('invalid fixture')
  const form = r.value

  it('shows a submitted form with revealable values only masked', () => {
    const applicant = shownPart(FORM_PARTS.applicant.fields, form.applicant)
    expect(applicant).toMatchObject({ name: '张小明', idNumberMasked: '5325**********1238', phoneMasked: '138****5678', housingArea: 45 })
    expect(applicant).not.toHaveProperty('idNumber')
    const rows = shownRows('applicant', applicant, { unitName: '农机厂工会' })
    expect(rows.find((x) => x.path === 'applicant.phone')).toMatchObject({ label: '手机号码', text: '138****5678', revealable: true })
    expect(rows.find((x) => x.path === 'applicant.unitId')?.text).toBe('农机厂工会')
    expect(rows.find((x) => x.path === 'applicant.housingArea')?.text).toBe('45 平方米')
    expect(rows.find((x) => x.path === 'applicant.zeroEmploymentFamily')).toMatchObject({ label: '零就业家庭', text: '否' })
    expect(shownRows('finances', shownPart(FORM_PARTS.finances.fields, form.finances)).find((x) => x.path === 'finances.annualIncome')?.text).toBe('24,000 元')
  })

  it('shows a draft as typed where it does not check yet, masked where revealable', () => {
    const draft = { ...formValues().applicant, idNumber: ' 11010519491231002x ', housingArea: '四十' }
    const rows = draftRows('applicant', draft, { view: 'summary' })
    expect(rows.map((x) => x.path)).toEqual(APPLICATION_FIELDS.filter((f) => f.path.startsWith('applicant.') && f.views.includes('summary')).map((f) => f.path))
    expect(rows.find((x) => x.path === 'applicant.idNumber')?.text).toBe('1101**********002X')
    expect(rows.find((x) => x.path === 'applicant.health')?.text).toBe('患慢性病')
    expect(draftRows('applicant', draft).find((x) => x.path === 'applicant.housingArea')?.text).toBe('四十')
    const member = splitMember(draftRows('members', formValues().members[0], { view: 'summary', member: 0 }))
    expect(member).toMatchObject({ name: '李小红', relation: '配偶', rest: [{ path: 'members.0.idNumber', text: '5325**********0022' }] })
    expect(draftRows('causes', { mainCause: 'illness', secondaryCauses: [] }).map((x) => x.text)).toEqual(['因病', '无'])
  })

  it('puts on the household file what the registry says, names and ID numbers masked', () => {
    expect(onFilePart(MEMBER_FIELDS, form.members[0])).toEqual({ nameMasked: '李*红', relation: 'spouse', idNumberMasked: '5325**********0022', health: 'healthy', occupation: '无业' })
    const onFile = APPLICATION_FIELDS.filter((f) => f.views.includes('file') && !f.path.startsWith('members.')).map((f) => f.path)
    expect(fileRows(form).map((x) => x.path)).toEqual(onFile)
    for (const row of fileRows(form)) if (fieldAt(row.path)?.sensitivity !== 'encrypted') expect(row.text).not.toBe(String(valueAtPath(form, row.path)))
  })
})

describe('documents to prepare', () => {
  it('follows the same rule in the form as in the self-check: disability asks for the medical proof too', () => {
    const values = { ...formValues(), finances: { ...formValues().finances, medicalExpenses: '0', schoolingExpenses: '0' }, causes: { mainCause: 'disability', secondaryCauses: [] } }
    expect(documentsForDraft(values)).toEqual(['id-card', 'hukou', 'income-proof', 'medical-bills', 'bank-card'])
    expect(documentsForDraft({ ...values, causes: { mainCause: 'low-wage', secondaryCauses: [] } })).toEqual(['id-card', 'hukou', 'income-proof', 'bank-card'])
    expect(documentsForDraft(emptyFormValues())).toEqual(['id-card', 'hukou', 'income-proof', 'bank-card'])
  })
})
