import { APPLICANT_FIELDS, CAUSE_FIELDS } from './form-fields'

/** Labels of the application form's fields the thin application names by key (the registry's). */
export const APPLICATION_FIELD_LABELS = {
  name: APPLICANT_FIELDS.name.label,
  idNumber: APPLICANT_FIELDS.idNumber.label,
  phone: APPLICANT_FIELDS.phone.label,
  employer: APPLICANT_FIELDS.employer.label,
  mainCause: CAUSE_FIELDS.mainCause.label,
} as const

/** Chinese labels of every input field, by field name, for messages that name a field. */
export const FIELD_LABELS: Record<string, string> = {
  ...APPLICATION_FIELD_LABELS,
  page: '页码',
  pageSize: '每页条数',
  id: '申请编号',
  ids: '消息编号',
}

/** Labels of the `stations` inputs' fields, by their dotted path, for messages that name a field. */
export const STATION_FIELD_LABELS: Record<string, string> = {
  stationId: '站点编号',
  reportId: '报告编号',
  lng: '经度',
  lat: '纬度',
  problem: '问题类型',
  format: '文件格式',
  content: '文件内容',
  decision: '处理结果',
  'station.externalId': '站点外部编号',
  'station.kind': '站点类型',
  'station.level': '站点级别',
  'station.name': '站点名称',
  'station.address': '地址',
  'station.district': '所在地区',
  'station.location': '位置',
  'station.location.lng': '经度',
  'station.location.lat': '纬度',
  'station.phone': '联系电话',
  'station.hours': '开放时间',
  'station.amenities': '服务设施',
  'station.services': '服务内容',
  'station.photos': '照片',
  'station.unitName': '管理单位',
  'station.status': '站点状态',
  'station.verifiedOn': '核实日期',
}
