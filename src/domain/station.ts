import * as v from 'valibot'
import { isInChina, type GeoPoint } from './geo'
import { openingState, OpeningHoursSchema, type OpeningHours, type OpeningState } from './opening-hours'
import {
  AID_LEVEL_CODES,
  AMENITY_CODES,
  labelOf,
  STATION_KIND_CODES,
  STATION_STATUS_CODES,
  STATION_STATUSES,
  type AidLevel,
  type Amenity,
  type StationKind,
  type StationStatus,
} from './station-codes'

export * from './station-codes'

/** The external id of a station created in the app without one: `lantian:<id>`, never a union's own number. */
export const appExternalId = (id: string) => `lantian:${id}`

/** Whether an external id is one the app made up (not to be shown: it means nothing to anybody). */
export const isAppExternalId = (externalId: string) => externalId.startsWith('lantian:')

/** A station as stored and shown. The point is GCJ-02. */
export interface Station {
  id: string
  /** The id in the union's own register; imports update by it. Stations created in the app get `lantian:<id>`. */
  externalId: string
  kind: StationKind
  /** Aid service stations only. */
  level: AidLevel | null
  name: string
  address: string
  /** The county, township or street it sits in, e.g. 弥阳街道. */
  district: string
  location: GeoPoint
  phone: string
  hours: OpeningHours
  amenities: Amenity[]
  /** What it offers, in plain words. */
  services: string
  /** `cloud://` file ids or `https://` addresses. */
  photos: string[]
  /** The union unit that runs it, as its register names it. */
  unitName: string
  /** The union unit it belongs to: admins of that unit's tree manage it and its problem reports. */
  unitId: string
  status: StationStatus
  /** When its details were last checked, `YYYY-MM-DD`. */
  verifiedOn: string | null
  /** Demo data, shown with 示例数据. */
  sample: boolean
  version: number
  createdAt: string
  updatedAt: string
}

const text = (label: string, max: number, required = true) =>
  required
    ? v.pipe(v.string(`请填写${label}`), v.trim(), v.nonEmpty(`请填写${label}`), v.maxLength(max, `${label}不能超过${max}个字`))
    : v.optional(v.pipe(v.string(`${label}应为文本`), v.trim(), v.maxLength(max, `${label}不能超过${max}个字`)), '')

const coordinate = (label: string, min: number, max: number) =>
  v.pipe(v.number(`${label}应为数字`), v.finite(`${label}应为数字`), v.minValue(min, `${label}应在${min}到${max}之间`), v.maxValue(max, `${label}应在${min}到${max}之间`))

/** A GCJ-02 point inside China: outside means a typo or swapped 经纬度. */
export const StationPointSchema = v.pipe(
  v.strictObject({ lng: coordinate('经度', -180, 180), lat: coordinate('纬度', -90, 90) }, '请选择站点位置'),
  v.check(isInChina, '位置不在中国境内，请检查经纬度是否填反'),
)

export const StationPhoneSchema = v.optional(
  v.pipe(
    v.string('联系电话应为文本'),
    v.trim(),
    v.maxLength(40, '联系电话不能超过40个字'),
    v.regex(/^$|^[\d\s()+-]*\d{3,}[\d\s()+-]*$/, '联系电话只能包含数字、空格和“-”'),
  ),
  '',
)

const PHOTO = /^(cloud:\/\/|https:\/\/)\S{1,290}$/
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

export const ExternalIdSchema = v.pipe(
  v.string('站点外部编号应为文本'),
  v.trim(),
  v.nonEmpty('请填写站点外部编号'),
  v.maxLength(64, '站点外部编号不能超过64个字符'),
  v.regex(/^[\w.:\-\u4e00-\u9fa5]+$/u, '站点外部编号只能包含字母、数字、汉字和 . : - _'),
)

/** What an admin enters for a station (and each import row becomes). Strict: unknown fields are errors. */
export const StationInputSchema = v.pipe(
  v.strictObject({
    externalId: v.optional(ExternalIdSchema),
    kind: v.picklist(STATION_KIND_CODES, '请选择站点类型'),
    level: v.optional(v.nullable(v.picklist(AID_LEVEL_CODES, '请选择站点级别')), null),
    name: text('站点名称', 60),
    address: text('地址', 120),
    district: text('所在地区', 30),
    location: StationPointSchema,
    phone: StationPhoneSchema,
    hours: OpeningHoursSchema,
    amenities: v.optional(
      v.pipe(
        v.array(v.picklist(AMENITY_CODES, '服务设施不在可选范围内'), '服务设施应为列表'),
        v.check((a) => new Set(a).size === a.length, '服务设施不能重复'),
      ),
      [],
    ),
    services: text('服务内容', 500, false),
    photos: v.optional(
      v.pipe(v.array(v.pipe(v.string('照片地址应为文本'), v.regex(PHOTO, '照片应为 cloud:// 文件或 https:// 地址')), '照片应为列表'), v.maxLength(6, '最多6张照片')),
      [],
    ),
    unitName: text('管理单位', 60, false),
    /** Absent: the admin's own unit on create, the station's unit on update (see server/usecases/stations/station-access.ts). */
    unitId: v.optional(v.pipe(v.string('所属单位应为文本'), v.nonEmpty('请选择所属单位'), v.maxLength(64, '所属单位不正确'))),
    status: v.optional(v.picklist(STATION_STATUS_CODES, '请选择站点状态'), 'open'),
    verifiedOn: v.optional(v.nullable(v.pipe(v.string('核实日期应为文本'), v.regex(DATE, '核实日期格式应为 2026-03-01'))), null),
  }),
  v.forward(
    v.partialCheck([['kind'], ['level']], (s) => (s.kind === 'aid') === (s.level !== null), '帮扶服务站点请选择级别；其他类型不分级别'),
    ['level'],
  ),
)
export type StationInput = v.InferInput<typeof StationInputSchema>
export type StationFields = v.InferOutput<typeof StationInputSchema>

/** A station with its distance from the searcher, in metres. */
export interface StationNearby {
  station: Station
  distanceM: number
}

/**
 * Whether a station is open at `at`: its hours when its status is open; a temporarily closed or
 * closed station is closed whatever its hours say.
 */
export function stationOpenState(station: Pick<Station, 'status' | 'hours'>, at: Date, holidays: readonly string[] = []): OpeningState {
  if (station.status === 'open') return openingState(station.hours, at, holidays)
  return { open: false, today: [], label: labelOf(STATION_STATUSES, station.status) }
}
