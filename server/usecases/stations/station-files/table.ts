import { toGcj02, type CoordSystem } from '../../../../src/domain/geo'
import { formatWeekText, parseWeekText } from '../../../../src/domain/opening-hours'
import { AID_LEVELS, AMENITIES, STATION_KINDS, STATION_STATUSES, StationInputSchema, labelOf, type Station, type StationFields } from '../../../../src/domain/station'
import { validate } from '../../../../src/domain/validate'
import type { ImportProblem } from '../../../../src/domain/api/stations'
import type { SheetTable } from '../../shared/csv'

/** The columns of the import and export file, in order. 外部编号 is what a re-import matches on. */
export const COLUMNS = [
  { key: 'externalId', header: '外部编号', required: true },
  { key: 'kind', header: '类型', required: true },
  { key: 'level', header: '级别', required: false },
  { key: 'name', header: '名称', required: true },
  { key: 'address', header: '地址', required: true },
  { key: 'district', header: '所在地区', required: true },
  { key: 'lng', header: '经度', required: true },
  { key: 'lat', header: '纬度', required: true },
  { key: 'coordSystem', header: '坐标系', required: false },
  { key: 'phone', header: '联系电话', required: false },
  { key: 'hours', header: '开放时间', required: false },
  { key: 'closedOnHolidays', header: '节假日闭馆', required: false },
  { key: 'closedDates', header: '闭馆日期', required: false },
  { key: 'amenities', header: '服务设施', required: false },
  { key: 'services', header: '服务内容', required: false },
  { key: 'photos', header: '照片', required: false },
  { key: 'unitName', header: '管理单位', required: false },
  { key: 'status', header: '状态', required: false },
  { key: 'verifiedOn', header: '核实日期', required: false },
] as const
type ColumnKey = (typeof COLUMNS)[number]['key']

/** Columns written as numbers in a workbook. */
export const NUMERIC_COLUMNS: ReadonlySet<number> = new Set([COLUMNS.findIndex((c) => c.key === 'lng'), COLUMNS.findIndex((c) => c.key === 'lat')])

const headerOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)!.header

/** Which column a problem of the validated input belongs to. */
const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  externalId: 'externalId', kind: 'kind', level: 'level', name: 'name', address: 'address', district: 'district',
  'location.lng': 'lng', 'location.lat': 'lat', location: 'lng', phone: 'phone', hours: 'hours',
  'hours.closedDates': 'closedDates', amenities: 'amenities', services: 'services', photos: 'photos',
  unitName: 'unitName', status: 'status', verifiedOn: 'verifiedOn',
}

const COORD_WORDS: Record<string, CoordSystem> = {
  gcj02: 'gcj02', 'gcj-02': 'gcj02', 火星坐标: 'gcj02', 国测局坐标: 'gcj02', 腾讯: 'gcj02', 高德: 'gcj02',
  wgs84: 'wgs84', 'wgs-84': 'wgs84', gps: 'wgs84', 卫星定位: 'wgs84', 卫星定位原始坐标: 'wgs84',
  bd09: 'bd09', 'bd-09': 'bd09', 百度: 'bd09',
}

const LIST_SPLIT = /[、,，;；\s]+/

/** The code whose label (or code) is `text`, tolerating the short forms people type. */
function codeOf<T extends string>(list: readonly { code: T; label: string }[], text: string, aliases: Record<string, T> = {}): T | null {
  const t = text.trim()
  return list.find((x) => x.label === t || x.code === t)?.code ?? aliases[t] ?? null
}

const LEVEL_ALIASES = { 市: 'city', 县: 'county', 县区级: 'county', 区级: 'county', 乡镇级: 'township', 街道级: 'township', 乡镇: 'township', 街道: 'township', 社区级: 'community', 企业级: 'community', 社区: 'community', 企业: 'community' } as const
const KIND_ALIASES = { 帮扶站点: 'aid', 帮扶服务站: 'aid', 驿站: 'rest-post', 户外劳动者服务站点: 'rest-post', 专家团队: 'expert-team' } as const
const STATUS_ALIASES = { 开放: 'open', 正常: 'open', 暂停: 'suspended', 关闭: 'closed' } as const
const YES = new Set(['是', 'y', 'yes', 'true', '1', '闭馆'])
const NO = new Set(['', '否', 'n', 'no', 'false', '0', '开放'])

export interface ParsedRow {
  line: number
  fields: StationFields
}

/** Every row's 外部编号 as written, good rows and bad: duplicates and jurisdiction are checked on all of them at once. */
export interface RowId {
  line: number
  externalId: string
}

/**
 * Reads the rows of an import into station fields (points converted to GCJ-02) and every problem
 * found, each with its line and column: all of a row's problems at once, one per column, so the
 * admin fixes a row in one go. `fileCoordSystem` applies to rows without a 坐标系 cell.
 */
export function parseStationTable(table: SheetTable, fileCoordSystem?: CoordSystem): { rows: ParsedRow[]; ids: RowId[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const index = new Map<ColumnKey, number>()
  table.header.forEach((h, i) => {
    const col = COLUMNS.find((c) => c.header === h.trim())
    if (col) index.set(col.key, i)
    else if (h.trim()) problems.push({ line: 1, column: h, message: `不认识的列“${h}”，请使用导出文件的表头` })
  })
  for (const c of COLUMNS) if (c.required && !index.has(c.key)) problems.push({ line: 1, column: c.header, message: `缺少“${c.header}”列` })
  if (!fileCoordSystem && !index.has('coordSystem')) problems.push({ line: 1, column: '坐标系', message: '请在文件中加“坐标系”列，或在导入时选择坐标系' })
  if (problems.length) return { rows: [], ids: [], problems }

  const rows: ParsedRow[] = []
  const ids: RowId[] = []
  for (const { line, cells } of table.rows) {
    if (cells.every((c) => c.trim() === '')) continue
    const cell = (key: ColumnKey) => (index.has(key) ? (cells[index.get(key)!] ?? '').trim() : '')
    if (cell('externalId')) ids.push({ line, externalId: cell('externalId') })
    const rowProblems: ImportProblem[] = []
    const bad = (key: ColumnKey, message: string) => rowProblems.push({ line, column: headerOf(key), message })

    const kind = codeOf(STATION_KINDS, cell('kind'), KIND_ALIASES)
    if (!kind) bad('kind', cell('kind') ? `不认识的类型“${cell('kind')}”` : '请填写类型')
    const levelText = cell('level')
    const level = levelText ? codeOf(AID_LEVELS, levelText, LEVEL_ALIASES) : null
    if (levelText && !level) bad('level', `不认识的级别“${levelText}”`)
    const crsText = cell('coordSystem')
    const crs = crsText ? (COORD_WORDS[crsText.toLowerCase().split(/[（(]/)[0].trim()] ?? null) : (fileCoordSystem ?? null)
    if (!crs) bad('coordSystem', crsText ? `不认识的坐标系“${crsText}”，请填坐标来自的地图：高德、腾讯、百度，或卫星定位` : '请填写坐标系')
    const lng = parseNumber(cell('lng'))
    const lat = parseNumber(cell('lat'))
    if (lng === null) bad('lng', cell('lng') ? '经度应为数字' : '请填写经度')
    if (lat === null) bad('lat', cell('lat') ? '纬度应为数字' : '请填写纬度')
    const week = parseWeekText(cell('hours'))
    if (!week.ok) bad('hours', week.message)
    const holidays = cell('closedOnHolidays').toLowerCase()
    if (!YES.has(holidays) && !NO.has(holidays)) bad('closedOnHolidays', '节假日闭馆请填“是”或“否”')
    const amenities = cell('amenities') ? cell('amenities').split(LIST_SPLIT).filter(Boolean) : []
    const amenityCodes = amenities.map((a) => codeOf(AMENITIES, a))
    amenities.forEach((a, i) => amenityCodes[i] === null && bad('amenities', `不认识的服务设施“${a}”，可选：${AMENITIES.map((x) => x.label).join('、')}`))
    const statusText = cell('status')
    const status = statusText ? codeOf(STATION_STATUSES, statusText, STATUS_ALIASES) : 'open'
    if (!status) bad('status', `不认识的状态“${statusText}”，请填 正常开放、暂停开放 或 已关闭`)
    // The cells read so far stand in where they were bad, so the schema's checks of the other cells still run.
    const location = lng !== null && lat !== null ? toGcj02({ lng, lat }, crs ?? 'gcj02') : { lng: lng ?? Number.NaN, lat: lat ?? Number.NaN }
    const input = {
      externalId: cell('externalId'),
      kind,
      level,
      name: cell('name'),
      address: cell('address'),
      district: cell('district'),
      location: { lng: round7(location.lng), lat: round7(location.lat) },
      phone: cell('phone'),
      hours: { week: week.ok ? week.week : [], closedOnHolidays: YES.has(holidays), closedDates: cell('closedDates').split(LIST_SPLIT).filter(Boolean) },
      amenities: amenityCodes.filter((c) => c !== null),
      services: cell('services'),
      photos: cell('photos').split(/[|\s]+/).filter(Boolean),
      unitName: cell('unitName'),
      status: status ?? 'open',
      verifiedOn: cell('verifiedOn') || null,
    }
    const checked = validate(StationInputSchema, input)
    if (!checked.ok) {
      for (const p of checked.problems) {
        const key = COLUMN_OF_FIELD[p.field ?? ''] ?? COLUMN_OF_FIELD[(p.field ?? '').split('.').slice(0, 2).join('.')] ?? COLUMN_OF_FIELD[(p.field ?? '').split('.')[0]]
        const column = key ? headerOf(key) : undefined
        // One message per column: a cell already reported is not reported again by the schema.
        if (rowProblems.some((r) => r.column === column)) continue
        rowProblems.push({ line, ...(column ? { column } : {}), message: p.message })
      }
    }
    if (!checked.ok || rowProblems.length) {
      problems.push(...rowProblems)
      continue
    }
    rows.push({ line, fields: checked.value })
  }
  return { rows, ids, problems }
}

/** Seven decimals of a degree are about 1 cm: enough, and stable across re-imports. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7

function parseNumber(text: string): number | null {
  if (!text) return null
  const n = Number(text.replace(/[，,]/g, '.'))
  return Number.isFinite(n) ? n : null
}

/** A station as a row of the export: the same columns the import reads, points in GCJ-02. */
export function stationRow(s: Station): string[] {
  const values: Record<ColumnKey, string> = {
    externalId: s.externalId,
    kind: labelOf(STATION_KINDS, s.kind),
    level: s.level ? labelOf(AID_LEVELS, s.level) : '',
    name: s.name,
    address: s.address,
    district: s.district,
    lng: String(s.location.lng),
    lat: String(s.location.lat),
    coordSystem: 'GCJ-02',
    phone: s.phone,
    hours: formatWeekText(s.hours.week),
    closedOnHolidays: s.hours.closedOnHolidays ? '是' : '否',
    closedDates: s.hours.closedDates.join('、'),
    amenities: s.amenities.map((a) => labelOf(AMENITIES, a)).join('、'),
    services: s.services,
    photos: s.photos.join(' | '),
    unitName: s.unitName,
    status: labelOf(STATION_STATUSES, s.status),
    verifiedOn: s.verifiedOn ?? '',
  }
  return COLUMNS.map((c) => values[c.key])
}

export const HEADER = COLUMNS.map((c) => c.header)
