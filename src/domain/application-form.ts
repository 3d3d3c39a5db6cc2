import * as v from 'valibot'
import { APPLICATION_FIELD_LABELS } from './field-labels'
import { HARDSHIP_CAUSE_CODES } from './hardship-causes'
import { idNumberProblem, normalizeIdNumber } from './id-number'
import { isValidMobile, normalizePhone } from './phone'

const L = APPLICATION_FIELD_LABELS

export { APPLICATION_FIELD_LABELS }

const requiredText = (label: string, max: number) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.nonEmpty(`请填写${label}`),
    v.maxLength(max, `${label}不能超过${max}个字`),
  )

/** The applicant's name: 2-30 characters, Chinese names may carry a middle dot. */
export const NameSchema = v.pipe(
  requiredText(L.name, 30),
  v.regex(/^[\u4e00-\u9fa5·•A-Za-z\s]{2,30}$/u, '姓名只能包含汉字、字母或间隔号，至少2个字'),
)

export const IdNumberSchema = v.pipe(
  v.string('请填写身份证号'),
  v.transform(normalizeIdNumber),
  v.nonEmpty('请填写身份证号'),
  v.check((s) => idNumberProblem(s) === null, (issue) => idNumberProblem(String(issue.input)) ?? '身份证号不正确'),
)

export const MobileSchema = v.pipe(
  v.string('请填写手机号码'),
  v.transform(normalizePhone),
  v.nonEmpty('请填写手机号码'),
  v.check(isValidMobile, '手机号码应为11位，以1开头'),
)

/**
 * The minimal application of the thin journey; the full national file form grows from it.
 * Strict: an unknown key is a validation error, not silently dropped.
 */
export const ApplicationFormSchema = v.strictObject({
  name: NameSchema,
  idNumber: IdNumberSchema,
  phone: MobileSchema,
  employer: requiredText(L.employer, 60),
  mainCause: v.picklist(HARDSHIP_CAUSE_CODES, '请选择主要致困原因'),
})

export type ApplicationFormInput = v.InferInput<typeof ApplicationFormSchema>
export type ApplicationForm = v.InferOutput<typeof ApplicationFormSchema>
