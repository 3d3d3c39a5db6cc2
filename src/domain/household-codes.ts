/**
 * The household file's code lists with their labels (issue 6, domain.md "户户清 and the six-item
 * checklist"), as plain data without valibot so any page can import them. `./household`
 * re-exports all of it.
 */

/** Whether a household is on file (在档) or has been deregistered (脱困注销). */
export const HOUSEHOLD_STATUSES = [
  { code: 'filed', label: '在档' },
  { code: 'deregistered', label: '已注销' },
] as const
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number]['code']

/** What the household's history records, in the words its page shows. */
export const HOUSEHOLD_EVENT_KINDS = [
  { code: 'filed', label: '建档立卡' },
  { code: 'cadre-assigned', label: '确定结对帮扶干部' },
  { code: 'cadre-removed', label: '解除结对帮扶' },
  { code: 'category-changed', label: '调整困难类别' },
  { code: 'deregistration-proposed', label: '提出脱困注销' },
  { code: 'deregistration-declined', label: '脱困注销未获批准' },
  { code: 'deregistered', label: '脱困注销' },
  { code: 'refiled', label: '重新建档' },
] as const
export type HouseholdEventKind = (typeof HOUSEHOLD_EVENT_KINDS)[number]['code']

/** Kinds of aid measure (帮扶措施). */
export const MEASURE_KINDS = [
  { code: 'living', label: '生活救助' },
  { code: 'medical', label: '医疗救助' },
  { code: 'schooling', label: '助学' },
  { code: 'employment', label: '就业帮扶' },
  { code: 'startup', label: '创业扶持' },
  { code: 'housing', label: '住房保障（公租房）' },
  { code: 'policy-link', label: '低保及政策衔接' },
  { code: 'legal', label: '法律援助' },
  { code: 'counselling', label: '心理疏导' },
  { code: 'other', label: '其他' },
] as const
export type MeasureKind = (typeof MEASURE_KINDS)[number]['code']
export const MEASURE_KIND_CODES = MEASURE_KINDS.map((k) => k.code) as [MeasureKind, ...MeasureKind[]]

/** Where a measure stands. */
export const MEASURE_STATUSES = [
  { code: 'planned', label: '计划中' },
  { code: 'in-progress', label: '实施中' },
  { code: 'done', label: '已完成' },
  /** Ended with the household's deregistration (脱困注销), not by staff choosing it. */
  { code: 'ended', label: '已结束（家庭已注销）' },
] as const
export type MeasureStatus = (typeof MEASURE_STATUSES)[number]['code']
/** The statuses staff choose for a measure: all but `ended`, which deregistration sets. */
export const MEASURE_CHOICES = MEASURE_STATUSES.filter((s) => s.code !== 'ended')
export const MEASURE_STATUS_CODES = MEASURE_CHOICES.map((s) => s.code) as [MeasureStatus, ...MeasureStatus[]]
/** A measure still running: deregistration ends it. */
export const isOpenMeasure = (status: MeasureStatus) => status === 'planned' || status === 'in-progress'

/**
 * Where aid money comes from. In Yunnan the prefecture level is 州（市）级 and Mile, a county-level
 * city, funds from the county level (the seed's "市级").
 */
export const FUND_SOURCES = [
  { code: 'central', label: '中央财政' },
  { code: 'provincial', label: '省级财政' },
  { code: 'prefecture', label: '州（市）级财政' },
  { code: 'county', label: '县（市）级财政' },
  { code: 'union', label: '工会自有资金' },
  { code: 'donation', label: '社会捐助' },
] as const
export type FundSource = (typeof FUND_SOURCES)[number]['code']
export const FUND_SOURCE_CODES = FUND_SOURCES.map((s) => s.code) as [FundSource, ...FundSource[]]

/** How a paired cadre was in touch with the household. */
export const CONTACT_KINDS = [
  { code: 'visit', label: '走访' },
  { code: 'phone', label: '电话' },
  { code: 'other', label: '其他' },
] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]['code']
export const CONTACT_KIND_CODES = CONTACT_KINDS.map((k) => k.code) as [ContactKind, ...ContactKind[]]

/** The groups a kept household's remaining difficulties are sorted into (the seed's 2020 campaign). */
export const DIFFICULTY_GROUPS = [
  { code: 'basic-living', label: '基本生活' },
  { code: 'employment', label: '就业' },
  { code: 'medical', label: '医疗' },
  { code: 'schooling', label: '子女就学' },
  { code: 'social-security', label: '社会保障' },
  { code: 'housing', label: '住房' },
] as const
export type DifficultyGroup = (typeof DIFFICULTY_GROUPS)[number]['code']
export const DIFFICULTY_GROUP_CODES = DIFFICULTY_GROUPS.map((g) => g.code) as [DifficultyGroup, ...DifficultyGroup[]]

/** Why a household leaves the file (脱困注销). `other` needs a written reason. */
export const DEREGISTRATION_REASONS = [
  { code: 'income-above-line', label: '连续六个月人均收入高于低保线' },
  { code: 'stable-employment', label: '实现稳定就业' },
  { code: 'other', label: '其他' },
] as const
export type DeregistrationReason = (typeof DEREGISTRATION_REASONS)[number]['code']
export const DEREGISTRATION_REASON_CODES = DEREGISTRATION_REASONS.map((r) => r.code) as [DeregistrationReason, ...DeregistrationReason[]]

/** Days without a visit or call after which a filed household shows as overdue, unless the unit's policy says otherwise. */
export const DEFAULT_CONTACT_OVERDUE_DAYS = 90
