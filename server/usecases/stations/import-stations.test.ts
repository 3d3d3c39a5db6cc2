import type { ApiReply } from '../../../src/domain'
import type { ExportFile, ImportReport } from '../../../src/domain/api/stations'
import { distanceM, fromGcj02 } from '../../../src/domain/geo'
import { handle } from '../../functions'
import { handleUpload } from '../../functions/upload'
import type { Store } from '../../ports'
import { CSV_ENCODINGS, UNREADABLE_CSV } from '../../../test/support/csv-encodings'
import { sqliteDeps } from '../../../test/support/deps'
import { readCsv } from '../shared/csv'
import { HEADER } from './station-files/table'

const ADMIN = 'admin-1'
let t: ReturnType<typeof sqliteDeps>
beforeEach(async () => {
  t = sqliteDeps()
  await t.deps.store.repos.staff.put({ openid: ADMIN, displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
})
afterEach(() => t.close())

const run = async <T>(action: string, input: unknown, requestId?: string) =>
  (await handle('stations', { action, input, ...(requestId ? { requestId } : {}) }, { openid: ADMIN }, t.deps)) as ApiReply<T>
const ok = <T>(reply: ApiReply<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.data
}
/** The file uploaded as the admin page does in local mode; its file id. */
const stage = async (bytes: Uint8Array) => {
  const reply = await handleUpload({ purpose: 'import' }, bytes, { openid: ADMIN }, t.deps)
  return (ok(reply as ApiReply<{ fileId: string }>)).fileId
}
const importFile = async (format: 'csv' | 'xlsx', bytes: Uint8Array, over: Record<string, unknown> = {}) =>
  run<ImportReport>('import', { format, fileId: await stage(bytes), dryRun: false, ...over })
const utf8 = (text: string) => Buffer.from(text, 'utf8')
const csv = (...rows: string[]) => [HEADER.join(','), ...rows].join('\n')
const importCsv = (text: string, over: Record<string, unknown> = {}) => importFile('csv', utf8(text), over)
const count = async () => (await t.deps.store.repos.stations.list({ offset: 0, limit: 1000 })).length

/** A good row: 外部编号,类型,级别,名称,地址,所在地区,经度,纬度,坐标系,联系电话,开放时间,节假日闭馆,闭馆日期,服务设施,服务内容,照片,管理单位,状态,核实日期 */
const row = (id: string, over: Partial<Record<(typeof HEADER)[number], string>> = {}) => {
  const cells: Record<string, string> = {
    外部编号: id, 类型: '职工驿站', 级别: '', 名称: `驿站${id}`, 地址: '弥勒市弥阳街道1号', 所在地区: '弥阳街道',
    经度: '103.4365', 纬度: '24.4105', 坐标系: 'GCJ-02', 联系电话: '12351', 开放时间: '周一至周五 08:30-12:00,14:30-18:00；周六 09:00-12:00',
    节假日闭馆: '是', 闭馆日期: '2026-10-01、2026-10-02', 服务设施: '饮水、热饭、卫生间', 服务内容: '饮水、热饭', 照片: '', 管理单位: '弥阳街道总工会', 状态: '正常开放', 核实日期: '2026-01-15',
    ...over,
  }
  return HEADER.map((h) => (/[,"\n]/.test(cells[h]) ? `"${cells[h].replace(/"/g, '""')}"` : cells[h])).join(',')
}

describe('import: bad rows', () => {
  const file = csv(
    row('A1'),
    row('A2', { 类型: '小卖部' }),
    row('A3', { 名称: '' }),
    row('A4', { 经度: '东经103' }),
    row('A5', { 经度: '24.4105', 纬度: '103.4365' }),
    row('A6', { 开放时间: '周八 09:00-10:00' }),
    row('A7', { 服务设施: '饮水、桑拿' }),
    row('A1'),
    row('A9', { 类型: '帮扶服务站点' }),
    row('A10', { 坐标系: '火星' }),
    '',
    row('A11', { 闭馆日期: '2026-02-30' }),
  )

  it('a dry run names every bad row, its line and column, and writes nothing', async () => {
    const report = ok(await importCsv(file, { dryRun: true }))
    expect(report).toMatchObject({ dryRun: true, applied: false, created: 1, updated: 0, unchanged: 0, rows: 11 })
    expect(report.problems).toEqual([
      { line: 3, column: '类型', message: '不认识的类型“小卖部”' },
      { line: 4, column: '名称', message: '请填写站点名称' },
      { line: 5, column: '经度', message: '经度应为数字' },
      { line: 6, column: '纬度', message: '纬度应在-90到90之间' },
      { line: 7, column: '开放时间', message: '看不懂日期“周八”，请写周一至周日、每天、工作日或周末' },
      { line: 8, column: '服务设施', message: expect.stringContaining('不认识的服务设施“桑拿”') },
      { line: 9, column: '外部编号', message: '外部编号“A1”与第2行重复' },
      { line: 10, column: '级别', message: '帮扶服务站点请选择级别；其他类型不分级别' },
      { line: 11, column: '坐标系', message: '不认识的坐标系“火星”，请填坐标来自的地图：高德、腾讯、百度，或卫星定位' },
      { line: 13, column: '闭馆日期', message: '日期不存在' },
    ])
    expect(await count()).toBe(0)
  })

  it('reports all of a row\'s problems at once, its duplicate 外部编号 too, one message per cell', async () => {
    const report = ok(await importCsv(csv(row('B1'), row('B1', { 类型: '小卖部', 名称: '', 联系电话: '电话号码', 纬度: '', 核实日期: '2026-13-01', 坐标系: '火星' })), { dryRun: true }))
    expect(report.problems.map((p) => p.column).sort()).toEqual(['名称', '坐标系', '外部编号', '核实日期', '类型', '纬度', '联系电话'].sort())
    expect(report.problems.every((p) => p.line === 3)).toBe(true)
    expect(report.problems).toContainEqual({ line: 3, column: '外部编号', message: '外部编号“B1”与第2行重复' })
    expect(report.problems).toContainEqual({ line: 3, column: '纬度', message: '请填写纬度' })
    expect(report).toMatchObject({ rows: 2, created: 1 })
  })

  it('a real run with any bad row writes nothing either', async () => {
    const report = ok(await importCsv(file))
    expect(report.applied).toBe(false)
    expect(report.problems).toHaveLength(10)
    expect(await count()).toBe(0)
  })

  it('a 坐标系 cell in the words the page uses (卫星定位) is read', async () => {
    const report = ok(await importCsv(csv(row('C1', { 坐标系: '卫星定位' })), { dryRun: true }))
    expect(report).toMatchObject({ problems: [], created: 1 })
  })

  it('a bad header is reported on line 1', async () => {
    const report = ok(await importCsv('外部编号,名字\nA1,x'))
    expect(report.problems.map((p) => p.message)).toEqual(expect.arrayContaining(['不认识的列“名字”，请使用导出文件的表头', '缺少“类型”列', '缺少“经度”列']))
    expect(report.problems.every((p) => p.line === 1)).toBe(true)
  })

  it('a file that is not a table at all is a VALIDATION error', async () => {
    expect(await importCsv('"unclosed\n')).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '第1行：引号没有闭合', field: 'fileId' } })
    const notXlsx = await importFile('xlsx', utf8('not a zip'), { dryRun: true })
    expect(notXlsx).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '不是有效的 xlsx 文件', field: 'fileId' } })
  })
})

describe('import: coordinate systems', () => {
  // One place (GCJ-02) written in each system; each must land on the same GCJ-02 point.
  const place = { lng: 103.4365, lat: 24.4105 }
  const as = (crs: 'wgs84' | 'gcj02' | 'bd09') => fromGcj02(place, crs)

  it.each([
    ['WGS-84', 'wgs84'],
    ['GCJ-02', 'gcj02'],
    ['BD-09', 'bd09'],
    ['百度', 'bd09'],
    ['gps', 'wgs84'],
  ] as const)('a 坐标系 cell of %s is converted to GCJ-02', async (word, crs) => {
    const p = as(crs)
    ok(await importCsv(csv(row('C1', { 坐标系: word, 经度: String(p.lng), 纬度: String(p.lat) }))))
    const saved = await t.deps.store.repos.stations.byExternalId('C1')
    expect(distanceM(saved!.location, place)).toBeLessThan(0.5)
  })

  it('a file without the column takes the coordinate system chosen at import, and needs one', async () => {
    const p = as('wgs84')
    const noColumn = [HEADER.filter((h) => h !== '坐标系').join(','), row('C2', { 经度: String(p.lng), 纬度: String(p.lat) }).split(',').filter((_, i) => HEADER[i] !== '坐标系').join(',')].join('\n')
    expect(ok(await importCsv(noColumn)).problems).toEqual([{ line: 1, column: '坐标系', message: '请在文件中加“坐标系”列，或在导入时选择坐标系' }])
    const report = ok(await importCsv(noColumn, { coordSystem: 'wgs84' }))
    expect(report).toMatchObject({ applied: true, created: 1, coordSystem: 'wgs84' })
    expect(distanceM((await t.deps.store.repos.stations.byExternalId('C2'))!.location, place)).toBeLessThan(0.5)
    // WGS-84 taken as GCJ-02 would be hundreds of metres off: the conversion really happened.
    expect(distanceM(p, place)).toBeGreaterThan(100)
  })
})

describe('import: idempotent by external id, all or nothing', () => {
  const file = csv(row('M1'), row('M2', { 经度: '103.44' }), row('M3', { 类型: '帮扶服务站点', 级别: '社区级' }))

  it('re-importing the same file updates by 外部编号 instead of adding copies', async () => {
    expect(ok(await importCsv(file))).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0 })
    const first = await t.deps.store.repos.stations.byExternalId('M2')
    expect(ok(await importCsv(file))).toMatchObject({ applied: false, created: 0, updated: 0, unchanged: 3, problems: [] })
    expect(await count()).toBe(3)
    const changed = csv(row('M1'), row('M2', { 经度: '103.44', 名称: '改名驿站' }), row('M3', { 类型: '帮扶服务站点', 级别: '社区级' }), row('M4'))
    expect(ok(await importCsv(changed))).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 2 })
    const second = await t.deps.store.repos.stations.byExternalId('M2')
    expect(second).toMatchObject({ id: first!.id, name: '改名驿站', version: 2, createdAt: first!.createdAt })
    expect(await count()).toBe(4)
    const audit = await t.deps.store.repos.audit.list(null, 10)
    expect(audit.map((e) => [e.action, e.detail.created, e.detail.updated])).toEqual([
      ['station.import', 3, 0],
      ['station.import', 1, 1],
    ])
  })

  it('a failure midway leaves nothing written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const inner = t.deps.store
    let writes = 0
    const failing: Store = {
      ...inner,
      transaction: (work) =>
        inner.transaction((repos) =>
          work({
            ...repos,
            stations: {
              ...repos.stations,
              upsert: async (rec) => {
                if (++writes === 3) throw new Error('disk full')
                return repos.stations.upsert(rec)
              },
            },
          }),
        ),
    }
    const fileId = await stage(utf8(csv(row('F1'), row('F2'), row('F3'), row('F4'))))
    const reply = await handle('stations', { action: 'import', input: { format: 'csv', fileId, dryRun: false } }, { openid: ADMIN }, { ...t.deps, store: failing })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(writes).toBe(3)
    expect(await count()).toBe(0)
    expect(await t.deps.store.repos.audit.list(null, 1)).toEqual([])
  })
})

describe('export in the import format', () => {
  beforeEach(async () => {
    ok(await importCsv(csv(row('X1', { 名称: '带,逗号的"驿站"', 服务内容: '第一行\n第二行' }), row('X2', { 类型: '专家服务团队', 联系电话: '+86 873 1234567' }), row('X3', { 类型: '帮扶服务站点', 级别: '乡镇（街道）级', 开放时间: '24小时', 状态: '暂停开放' }))))
  })

  it('CSV: UTF-8 with BOM, the same columns, and it imports back unchanged', async () => {
    const file = ok(await run<ExportFile>('export', { format: 'csv' }))
    expect(file).toMatchObject({ fileName: 'stations-2026-03-02.csv', mimeType: 'text/csv', rows: 3 })
    const bytes = Buffer.from(file.content, 'base64')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const table = readCsv(bytes)
    expect(table.header).toEqual(HEADER)
    const x1 = table.rows.find((r) => r.cells[0] === 'X1')!
    expect(x1.cells[3]).toBe('带,逗号的"驿站"')
    expect(x1.cells[HEADER.indexOf('服务内容')]).toBe('第一行\n第二行')
    // A cell a spreadsheet would run as a formula is written with a leading apostrophe and read back without it.
    expect(bytes.toString('utf8')).toContain("'+86 873 1234567")
    const again = ok(await importFile('csv', Buffer.from(file.content, 'base64'), { dryRun: true }))
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, problems: [] })
  })

  it('XLSX: a workbook that imports back unchanged, lines being sheet rows', async () => {
    const file = ok(await run<ExportFile>('export', { format: 'xlsx' }))
    expect(file.fileName).toBe('stations-2026-03-02.xlsx')
    expect(Buffer.from(file.content, 'base64').subarray(0, 2).toString()).toBe('PK')
    const again = ok(await importFile('xlsx', Buffer.from(file.content, 'base64'), { dryRun: true }))
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, problems: [] })
  })

  it.each(CSV_ENCODINGS)('reads a CSV file in %s', async (_encoding, encode) => {
    const report = ok(await importFile('csv', encode(csv(row('G1')))))
    expect(report).toMatchObject({ applied: true, created: 1, problems: [] })
    expect(await t.deps.store.repos.stations.byExternalId('G1')).toMatchObject({ kind: 'rest-post', name: '驿站G1', address: '弥勒市弥阳街道1号', district: '弥阳街道', unitName: '弥阳街道总工会', amenities: ['water', 'meal-heating', 'toilet'] })
  })

  it('refuses a file in neither UTF-8 nor GB18030, saying how to save it', async () => {
    const reply = await importFile('csv', UNREADABLE_CSV, { dryRun: true })
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '文件编码无法识别。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试', field: 'fileId' } })
  })
})
