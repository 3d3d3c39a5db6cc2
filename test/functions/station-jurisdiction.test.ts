/**
 * Stations belong to a unit, and admins manage only their subtree's: a township admin creates,
 * edits, closes, lists, imports and exports the stations of their township, and lists and
 * resolves the problem reports on them; elsewhere the station or report is NOT_FOUND. The city
 * federation's admin manages all of them.
 *
 *   unit-root (o-city-admin) ├ unit-a 弥阳街道 (o-town-admin) ├ unit-a1, unit-a2 └ unit-b 新哨镇 (o-b-admin)
 */
import type { ApiReply } from '../../src/domain'
import type { ExportFile, ImportReport, ProblemReportView, StationListPage, StationView } from '../../src/domain/api/stations'
import type { Page } from '../../src/domain/api/applicant'
import { handle } from '../../server/functions'
import { handleUpload } from '../../server/functions/upload'
import { HEADER } from '../../server/usecases/stations/station-files/table'
import { readCsv } from '../../server/usecases/shared/csv'
import { stationFields } from '../support/stations'
import { unionTree, type TreeFixture } from '../support/union-tree'

describe('stations by jurisdiction', () => {
  let t: TreeFixture
  beforeEach(async () => {
    t = await unionTree()
  })
  afterEach(() => t.close())

  const run = async <T = StationView>(openid: string, action: string, input: unknown) => (await handle('stations', { action, input }, { openid }, t.deps)) as ApiReply<T>
  const ok = async <T = StationView>(openid: string, action: string, input: unknown): Promise<T> => {
    const r = await run<T>(openid, action, input)
    if (!r.ok) throw new Error(`${action}: ${r.error.code} ${r.error.message}`)
    return r.data
  }
  const create = (openid: string, externalId: string, over = {}) => ok(openid, 'create', { station: stationFields({ externalId, ...over }) })
  const listed = async (openid: string) => (await ok<StationListPage>(openid, 'list', { pageSize: 50 })).items.map((s) => s.externalId).sort()

  it('a township admin puts stations in units of the township only, and manages only those', async () => {
    const own = await create('o-town-admin', 'A-1')
    expect(own.unitId).toBe('unit-a')
    expect((await create('o-town-admin', 'A-2', { unitId: 'unit-a1' })).unitId).toBe('unit-a1')
    expect(await run('o-town-admin', 'create', { station: stationFields({ externalId: 'A-3', unitId: 'unit-b' }) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'station.unitId' },
    })
    const theirs = await create('o-b-admin', 'B-1')
    expect(theirs.unitId).toBe('unit-b')

    expect(await listed('o-town-admin')).toEqual(['A-1', 'A-2'])
    expect(await listed('o-b-admin')).toEqual(['B-1'])
    expect(await listed('o-city-admin')).toEqual(['A-1', 'A-2', 'B-1'])
    expect((await ok<StationListPage>('o-town-admin', 'list', { pageSize: 50 })).unitNames).toEqual({ 'unit-a': '弥阳街道总工会', 'unit-a1': '农机厂工会' })

    // Another township's station: not found, for every write.
    const edit = { stationId: own.id, version: own.version, station: stationFields({ externalId: 'A-1', name: '改名' }) }
    expect(await run('o-b-admin', 'update', edit)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await run('o-b-admin', 'close', { stationId: own.id, version: own.version, reason: '装修' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await t.deps.store.repos.stations.get(own.id))!).toMatchObject({ name: '弥阳街道职工驿站', status: 'open' })
    // Its own admin may not move it out of the township; the city's admin may, and then it is the other township's.
    expect(await run('o-town-admin', 'update', { ...edit, station: stationFields({ externalId: 'A-1', unitId: 'unit-b' }) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'station.unitId' },
    })
    const moved = await ok('o-city-admin', 'update', { ...edit, station: stationFields({ externalId: 'A-1', unitId: 'unit-b' }) })
    expect(moved.unitId).toBe('unit-b')
    expect(await listed('o-town-admin')).toEqual(['A-2'])
    expect(await listed('o-b-admin')).toEqual(['A-1', 'B-1'])
    // An edit that names no unit keeps the station where it is.
    expect((await ok('o-b-admin', 'update', { stationId: moved.id, version: moved.version, station: stationFields({ externalId: 'A-1' }) })).unitId).toBe('unit-b')
  })

  it('a township admin lists and resolves the problem reports of the township’s stations only', async () => {
    const a = await create('o-town-admin', 'A-1')
    const b = await create('o-b-admin', 'B-1')
    const report = (stationId: string) => ok<{ id: string }>('w-reporter', 'reportProblem', { stationId, problem: 'closed', note: '' })
    const onA = await report(a.id)
    const onB = await report(b.id)
    const pending = async (openid: string) => (await ok<Page<ProblemReportView>>(openid, 'listReports', { status: 'pending' })).items.map((r) => r.stationId).sort()
    expect(await pending('o-town-admin')).toEqual([a.id])
    expect(await pending('o-b-admin')).toEqual([b.id])
    expect(await pending('o-city-admin')).toEqual([a.id, b.id].sort())
    expect(await run('o-town-admin', 'resolveReport', { reportId: onB.id, decision: 'resolved' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await t.deps.store.repos.problemReports.get(onB.id))!.status).toBe('pending')
    expect(await run('o-town-admin', 'resolveReport', { reportId: onA.id, decision: 'resolved' })).toMatchObject({ ok: true, data: { status: 'resolved' } })
    expect(await run('o-city-admin', 'resolveReport', { reportId: onB.id, decision: 'rejected' })).toMatchObject({ ok: true, data: { status: 'rejected' } })
  })

  it('imports put new stations in the township their names point to, refuse rows of another jurisdiction, and exports hold the jurisdiction only', async () => {
    await create('o-town-admin', 'A-1')
    const cell = (v: string) => (/[,"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
    const line = (externalId: string, district: string, unitName: string) => {
      const cells: Record<string, string> = {
        外部编号: externalId, 类型: '职工驿站', 名称: `驿站${externalId}`, 地址: `弥勒市${district}1号`, 所在地区: district, 经度: '103.4365', 纬度: '24.4105',
        坐标系: 'GCJ-02', 开放时间: '每天 08:00-20:00', 节假日闭馆: '否', 管理单位: unitName, 状态: '正常开放',
      }
      return HEADER.map((h) => cell(cells[h] ?? '')).join(',')
    }
    // The admin's client puts the file into storage first; the import names it by its id.
    const file = (...rows: string[]) => Buffer.from([HEADER.join(','), ...rows].join('\n'), 'utf8')
    const importAs = async (openid: string, bytes: Buffer) => {
      const up = (await handleUpload({ purpose: 'import' }, new Uint8Array(bytes), { openid }, t.deps)) as ApiReply<{ fileId: string }>
      if (!up.ok) throw new Error(up.error.message)
      return ok<ImportReport>(openid, 'import', { format: 'csv', dryRun: false, fileId: up.data.fileId })
    }
    // The city's admin: by the unit named, by the district, else the city.
    const city = await importAs('o-city-admin', file(line('C-1', '其他', '农机厂工会'), line('C-2', '新哨镇', ''), line('C-3', '朋普镇', '')))
    expect(city).toMatchObject({ applied: true, created: 3 })
    const unitOf = async (externalId: string) => (await t.deps.store.repos.stations.byExternalId(externalId))!.unitId
    expect([await unitOf('C-1'), await unitOf('C-2'), await unitOf('C-3')]).toEqual(['unit-a1', 'unit-b', 'unit-root'])
    // 新哨镇's admin: A-1 belongs to 弥阳街道, so its row is refused and nothing is written.
    const refused = await importAs('o-b-admin', file(line('A-1', '新哨镇', ''), line('B-9', '弥阳街道', '')))
    expect(refused).toMatchObject({ applied: false, problems: [{ line: 2, column: '外部编号', message: '外部编号“A-1”的站点不属于您管辖的单位，不能在此导入修改' }] })
    // Without it, a new row naming another township's district stays in the importer's own unit.
    expect(await importAs('o-b-admin', file(line('B-9', '弥阳街道', '')))).toMatchObject({ applied: true, created: 1 })
    expect(await unitOf('B-9')).toBe('unit-b')
    const exported = await ok<ExportFile>('o-b-admin', 'export', { format: 'csv' })
    const table = readCsv(new Uint8Array(Buffer.from(exported.content, 'base64')))
    expect(table.rows.map((r) => r.cells[HEADER.indexOf('外部编号')]).sort()).toEqual(['B-9', 'C-2'])
  })
})
