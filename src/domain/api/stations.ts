import * as v from 'valibot'
import { COORD_SYSTEM_CODES, type CoordSystem } from '../geo'
import type { OpeningState } from '../opening-hours'
import {
  AMENITY_CODES,
  PROBLEM_KIND_CODES,
  REPORT_STATUS_CODES,
  STATION_KIND_CODES,
  StationInputSchema,
  type ProblemKind,
  type ReportStatus,
  type Station,
  type StationStatus,
} from '../station'
import { CursorInputSchema, type CursorPage } from './applicant'
import { ANYONE, returns, type FunctionContract } from './define'

/** The largest search radius, and the default when none is given. */
export const MAX_RADIUS_M = 50_000
/**
 * An import file of at most this many bytes. It is uploaded to storage and the call names it by
 * its file id: WeChat advises keeping a callFunction event under about 100 KB.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024
/** Rows one import may hold (see server/usecases/stations/import-stations.ts). */
export const MAX_IMPORT_ROWS = 1000

const StationIdSchema = v.pipe(v.string('缺少站点编号'), v.nonEmpty('缺少站点编号'), v.maxLength(64, '站点编号不正确'))
const ReportIdSchema = v.pipe(v.string('缺少报告编号'), v.nonEmpty('缺少报告编号'), v.maxLength(64, '报告编号不正确'))
const int = (label: string, min: number, max: number) =>
  v.pipe(v.number(`${label}应为数字`), v.integer(`${label}应为整数`), v.minValue(min, `${label}不能小于${min}`), v.maxValue(max, `${label}不能大于${max}`))

/**
 * Nearest stations first. `cursor` is the `nextCursor` of the previous page (absent for the
 * first); `openNow` keeps only stations open at this moment.
 */
export const NearbyInputSchema = v.strictObject({
  lng: v.pipe(v.number('缺少经度'), v.finite('经度应为数字'), v.minValue(-180, '经度应在-180到180之间'), v.maxValue(180, '经度应在-180到180之间')),
  lat: v.pipe(v.number('缺少纬度'), v.finite('纬度应为数字'), v.minValue(-90, '纬度应在-90到90之间'), v.maxValue(90, '纬度应在-90到90之间')),
  radiusM: v.optional(
    v.pipe(v.number('搜索范围应为数字'), v.minValue(100, '搜索范围至少100米'), v.maxValue(MAX_RADIUS_M, '搜索范围最大50公里')),
    MAX_RADIUS_M,
  ),
  kinds: v.optional(v.pipe(v.array(v.picklist(STATION_KIND_CODES, '站点类型不正确'), '站点类型应为列表'), v.maxLength(3, '站点类型不正确')), []),
  amenities: v.optional(v.pipe(v.array(v.picklist(AMENITY_CODES, '服务设施不正确'), '服务设施应为列表'), v.maxLength(10, '服务设施不正确')), []),
  openNow: v.optional(v.boolean('“正在开放”应为是或否'), false),
  cursor: v.optional(int('翻页位置', 0, 100_000), 0),
  pageSize: v.optional(int('每页条数', 1, 50), 20),
})

const StationRefSchema = v.strictObject({ stationId: StationIdSchema })

const VersionSchema = int('版本号', 1, 1_000_000)

const FileFormatSchema = v.picklist(['csv', 'xlsx'], '文件格式应为 csv 或 xlsx')

/** The `stations` function: finding help for everyone; managing stations and reports for admins. */
export const stationsActions = {
  nearby: { input: NearbyInputSchema, output: returns<NearbyResult>(), roles: ANYONE },
  get: { input: StationRefSchema, output: returns<StationView>(), roles: ANYONE },
  reportProblem: {
    input: v.strictObject({
      stationId: StationIdSchema,
      problem: v.picklist(PROBLEM_KIND_CODES, '请选择问题类型'),
      note: v.optional(v.pipe(v.string('补充说明应为文本'), v.trim(), v.maxLength(200, '补充说明不能超过200个字')), ''),
    }),
    output: returns<ReportReceipt>(),
    roles: ANYONE,
  },
  create: { input: v.strictObject({ station: StationInputSchema }), output: returns<StationView>(), roles: ['admin'] },
  update: {
    input: v.strictObject({ stationId: StationIdSchema, version: VersionSchema, station: StationInputSchema }),
    output: returns<StationView>(),
    roles: ['admin'],
  },
  close: {
    input: v.strictObject({
      stationId: StationIdSchema,
      version: VersionSchema,
      status: v.optional(v.picklist(['suspended', 'closed'], '请选择暂停开放或关闭'), 'closed'),
      reason: v.pipe(v.string('请填写原因'), v.trim(), v.nonEmpty('请填写原因'), v.maxLength(200, '原因不能超过200个字')),
    }),
    output: returns<ClosedStation>(),
    roles: ['admin'],
  },
  /** WeChat: where to upload the import file with wx.cloud.uploadFile before importing it (the local server takes the bytes at /api/upload?purpose=import). */
  prepareImport: { input: v.strictObject({}), output: returns<{ cloudPath: string }>(), roles: ['admin'] },
  import: {
    input: v.strictObject({
      format: FileFormatSchema,
      /** The uploaded file's id (prepareImport's path in storage, or the local upload's reply). */
      fileId: v.pipe(v.string('请先选择文件'), v.nonEmpty('请先选择文件'), v.maxLength(300, '文件不正确，请重新选择文件')),
      /** The file's coordinate system when it has no 坐标系 column. */
      coordSystem: v.optional(v.picklist(COORD_SYSTEM_CODES, '坐标系应为 gcj02、wgs84 或 bd09')),
      /** Check only: report every bad row and what would change, write nothing. */
      dryRun: v.optional(v.boolean('试导入应为是或否'), true),
    }),
    output: returns<ImportReport>(),
    roles: ['admin'],
  },
  export: { input: v.strictObject({ format: FileFormatSchema }), output: returns<ExportFile>(), roles: ['admin'] },
  /** Admin: the stations of the jurisdiction, closed ones too, in a stable order, a page at a time. */
  list: {
    input: v.strictObject({
      ...CursorInputSchema.entries,
      /** Part of a name or an address. */
      search: v.optional(v.pipe(v.string('搜索内容应为文本'), v.trim(), v.maxLength(30, '搜索内容不能超过30个字')), ''),
    }),
    output: returns<StationListPage>(),
    roles: ['admin'],
  },
  listReports: {
    input: v.strictObject({
      ...CursorInputSchema.entries,
      status: v.optional(v.picklist(REPORT_STATUS_CODES, '报告状态不正确'), 'pending'),
    }),
    output: returns<CursorPage<ProblemReportView>>(),
    roles: ['admin'],
  },
  resolveReport: {
    input: v.strictObject({
      reportId: ReportIdSchema,
      decision: v.picklist(['resolved', 'rejected'], '请选择已处理或不予处理'),
      note: v.optional(v.pipe(v.string('处理说明应为文本'), v.trim(), v.maxLength(200, '处理说明不能超过200个字')), ''),
    }),
    output: returns<ProblemReportView>(),
    roles: ['admin'],
  },
} as const satisfies FunctionContract

/** A station as the pages show it: its record and whether it is open now (Asia/Shanghai). */
export interface StationView extends Station {
  openState: OpeningState
}

/** One result of `nearby`: the station and its distance in metres. */
export interface NearbyStation extends StationView {
  distanceM: number
}

export interface NearbyResult {
  items: NearbyStation[]
  /** Pass as `cursor` for the next page; null when there is no more within the radius. */
  nextCursor: number | null
  radiusM: number
}

/** One bad row of an import: the line in the file (the header is line 1), the column and why. */
export interface ImportProblem {
  line: number
  column?: string
  message: string
}

export interface ImportReport {
  dryRun: boolean
  /**
   * True when rows were written (never on a dry run or with a bad row in the file). A written
   * import may still list problems: rows whose station someone else changed while it ran, not
   * written; `created` and `updated` count the rows written.
   */
  applied: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
  coordSystem: CoordSystem | 'per-row'
  problems: ImportProblem[]
}

export interface ExportFile {
  fileName: string
  /** MIME type of the file. */
  mimeType: string
  /** The file, base64. */
  content: string
  rows: number
}

/** A page of the admins' station list; `hasMore` says whether another page follows. */
export interface StationListPage extends CursorPage<StationView> {
  /** The names of the items' units, by id. */
  unitNames: Record<string, string>
}

/** A problem report as the admins' review list shows it (the reporter is not shown). */
export interface ProblemReportView {
  id: string
  stationId: string
  stationName: string
  problem: ProblemKind
  note: string
  status: ReportStatus
  createdAt: string
  decidedAt: string | null
  decisionNote: string
}

export interface ReportReceipt {
  id: string
  status: ReportStatus
}

export interface ClosedStation {
  id: string
  status: StationStatus
  version: number
}
