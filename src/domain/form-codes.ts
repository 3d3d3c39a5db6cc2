/**
 * The coded lists of the national file form (档案表), kept as data: the form's pickers show the
 * labels, records store the codes.
 */

/** One entry of a coded list. */
export interface Coded<C extends string = string> {
  code: C
  label: string
}

const codes = <T extends readonly Coded[]>(list: T) => list.map((c) => c.code) as unknown as [T[number]['code'], ...T[number]['code'][]]

/** 健康状况. */
export const HEALTH_STATUSES = [
  { code: 'healthy', label: '健康' },
  { code: 'chronic', label: '患慢性病' },
  { code: 'serious', label: '患重大疾病' },
  { code: 'disabled', label: '残疾' },
] as const satisfies readonly Coded[]

/** 残疾类别. */
export const DISABILITY_KINDS = [
  { code: 'none', label: '无残疾' },
  { code: 'visual', label: '视力残疾' },
  { code: 'hearing', label: '听力残疾' },
  { code: 'speech', label: '言语残疾' },
  { code: 'physical', label: '肢体残疾' },
  { code: 'intellectual', label: '智力残疾' },
  { code: 'mental', label: '精神残疾' },
  { code: 'multiple', label: '多重残疾' },
] as const satisfies readonly Coded[]

/** 劳模类型. */
export const MODEL_WORKER_TYPES = [
  { code: 'none', label: '非劳模' },
  { code: 'national', label: '全国劳模' },
  { code: 'provincial', label: '省部级劳模' },
  { code: 'other', label: '其他劳模' },
] as const satisfies readonly Coded[]

/** 工作状态. */
export const WORK_STATUSES = [
  { code: 'employed', label: '在岗' },
  { code: 'flexible', label: '灵活就业' },
  { code: 'laid-off', label: '下岗' },
  { code: 'unemployed', label: '失业' },
  { code: 'retired', label: '退休' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Coded[]

/** 单位性质. */
export const EMPLOYER_NATURES = [
  { code: 'state-owned', label: '国有企业' },
  { code: 'collective', label: '集体企业' },
  { code: 'private', label: '民营企业' },
  { code: 'foreign', label: '外资或合资企业' },
  { code: 'public', label: '机关事业单位' },
  { code: 'individual', label: '个体或灵活就业' },
  { code: 'none', label: '无工作单位' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Coded[]

/** 户口类型. */
export const HUKOU_TYPES = [
  { code: 'urban', label: '城镇户口' },
  { code: 'rural', label: '农村户口' },
] as const satisfies readonly Coded[]

/** 住房类型. */
export const HOUSING_TYPES = [
  { code: 'owned', label: '自有住房' },
  { code: 'rented', label: '租房' },
  { code: 'public-rental', label: '公租房或廉租房' },
  { code: 'borrowed', label: '借住' },
  { code: 'none', label: '无固定住所' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Coded[]

/** 医保状况. */
export const MEDICAL_INSURANCES = [
  { code: 'employee', label: '城镇职工医保' },
  { code: 'resident', label: '城乡居民医保' },
  { code: 'none', label: '未参加医保' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Coded[]

/** A family member's relation to the applicant. */
export const RELATIONS = [
  { code: 'spouse', label: '配偶' },
  { code: 'child', label: '子女' },
  { code: 'parent', label: '父母' },
  { code: 'parent-in-law', label: '配偶父母' },
  { code: 'sibling', label: '兄弟姐妹' },
  { code: 'grandchild', label: '孙子女' },
  { code: 'other', label: '其他' },
] as const satisfies readonly Coded[]

/** Yes / no answers, as the form's pickers hold them. */
export const YES_NO = [
  { code: 'no', label: '否' },
  { code: 'yes', label: '是' },
] as const satisfies readonly Coded[]

export const HEALTH_CODES = codes(HEALTH_STATUSES)
export const DISABILITY_CODES = codes(DISABILITY_KINDS)
export const MODEL_WORKER_CODES = codes(MODEL_WORKER_TYPES)
export const WORK_STATUS_CODES = codes(WORK_STATUSES)
export const EMPLOYER_NATURE_CODES = codes(EMPLOYER_NATURES)
export const HUKOU_CODES = codes(HUKOU_TYPES)
export const HOUSING_CODES = codes(HOUSING_TYPES)
export const MEDICAL_INSURANCE_CODES = codes(MEDICAL_INSURANCES)
export const RELATION_CODES = codes(RELATIONS)
export const YES_NO_CODES = codes(YES_NO)

/** The label of `code` in `list`, or the code itself when unknown. */
export function labelOf(list: readonly Coded[], code: string): string {
  return list.find((c) => c.code === code)?.label ?? code
}
