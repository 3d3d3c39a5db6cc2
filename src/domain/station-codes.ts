/**
 * The station lists (kinds, levels, amenities, statuses, problem kinds) as plain data with their
 * labels, apart from the schemas: the main package's pages import these without valibot or gcoord.
 * `./station` re-exports all of it.
 */

/** Kinds of station, as data with their labels. */
export const STATION_KINDS = [
  { code: 'aid', label: '帮扶服务站点' },
  { code: 'rest-post', label: '职工驿站' },
  { code: 'expert-team', label: '专家服务团队' },
] as const
export type StationKind = (typeof STATION_KINDS)[number]['code']
export const STATION_KIND_CODES = STATION_KINDS.map((k) => k.code) as [StationKind, ...StationKind[]]

/** The four levels of the aid service station network. */
export const AID_LEVELS = [
  { code: 'city', label: '市级' },
  { code: 'county', label: '县级' },
  { code: 'township', label: '乡镇（街道）级' },
  { code: 'community', label: '社区（企业）级' },
] as const
export type AidLevel = (typeof AID_LEVELS)[number]['code']
export const AID_LEVEL_CODES = AID_LEVELS.map((l) => l.code) as [AidLevel, ...AidLevel[]]

/** The fixed list of amenities (the national union services list and station standards). */
export const AMENITIES = [
  { code: 'water', label: '饮水' },
  { code: 'meal-heating', label: '热饭' },
  { code: 'rest', label: '休息座椅' },
  { code: 'toilet', label: '卫生间' },
  { code: 'charging', label: '手机充电' },
  { code: 'medicine', label: '药箱' },
  { code: 'climate', label: '空调取暖' },
  { code: 'reading', label: '阅读' },
  { code: 'barrier-free', label: '无障碍' },
  { code: 'wifi', label: '无线网络' },
] as const
export type Amenity = (typeof AMENITIES)[number]['code']
export const AMENITY_CODES = AMENITIES.map((a) => a.code) as [Amenity, ...Amenity[]]

export const STATION_STATUSES = [
  { code: 'open', label: '正常开放' },
  { code: 'suspended', label: '暂停开放' },
  { code: 'closed', label: '已关闭' },
] as const
export type StationStatus = (typeof STATION_STATUSES)[number]['code']
export const STATION_STATUS_CODES = STATION_STATUSES.map((s) => s.code) as [StationStatus, ...StationStatus[]]

/** What a worker may report about a station (报告问题). */
export const PROBLEM_KINDS = [
  { code: 'closed', label: '站点已关闭' },
  { code: 'moved', label: '位置已搬迁' },
  { code: 'wrong-hours', label: '开放时间不对' },
  { code: 'other', label: '其他问题' },
] as const
export type ProblemKind = (typeof PROBLEM_KINDS)[number]['code']
export const PROBLEM_KIND_CODES = PROBLEM_KINDS.map((p) => p.code) as [ProblemKind, ...ProblemKind[]]

export const REPORT_STATUSES = [
  { code: 'pending', label: '待处理' },
  { code: 'resolved', label: '已处理' },
  { code: 'rejected', label: '不予处理' },
] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]['code']
export const REPORT_STATUS_CODES = REPORT_STATUSES.map((s) => s.code) as [ReportStatus, ...ReportStatus[]]

/** The label of a code in one of the lists above. */
export function labelOf(list: readonly { code: string; label: string }[], code: string): string {
  return list.find((x) => x.code === code)?.label ?? code
}
