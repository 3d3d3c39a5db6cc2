/**
 * Household and ledger exports read back as a spreadsheet program would: XLSX through exceljs and
 * CSV through the import's reader, the header row in the national file form's order, sensitive
 * columns in full for a reviewer and masked for everyone else, an audit event per export. Then
 * 10,000 households exported a page at a time (figures printed, no time asserted).
 */
import ExcelJS from 'exceljs'
import type { ExportedFile } from '../../src/domain/api/households'
import type { FileStore } from '../../server/ports'
import { generateDemoLedger } from '../../server/local/seed/demo-ledger'
import { HOUSEHOLD_EXPORT_COLUMNS, HOUSEHOLD_EXPORT_HEADER } from '../../src/domain/household-export'
import { LEDGER_EXPORT_COLUMNS, LEDGER_EXPORT_HEADER } from '../../src/domain/ledger-export'
import { maskIdNumber } from '../../src/domain/mask'
import { prng } from '../../server/local/prng'
import type { HouseholdRecord } from '../../server/ports'
import { demoIdNumber, writeDemoLedger } from '../../server/local/seed-households'
import { exportHouseholds } from '../../server/usecases/households/export'
import { MASKED_EXPORT_LINK_SECONDS } from '../../server/usecases/households/export-link'
import { removeStaleUploads } from '../../server/usecases/shared/uploads'
import { readCsv } from '../../server/usecases/shared/csv'
import { DEFAULT_SHEET_LIMITS } from '../../server/usecases/shared/sheet-limits'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { UNITS } from '../support/union-tree'
import { exportedBytes, exportedSheet, expectSpreadsheetLayout, keyOfLocalLink } from '../support/exports'

type Sheet = { header: string[]; rows: string[][] }

/** A cell as the CSV export writes it: a date cell as `YYYY-MM-DD`. */
const textOf = (v: unknown): string => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))

async function readXlsxFile(files: FileStore, file: ExportedFile): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await exportedBytes(files, file)) as never)
  const sheet = workbook.worksheets[0]
  const all: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[]
    all.push(Array.from({ length: HOUSEHOLD_EXPORT_HEADER.length + 1 }, (_, i) => textOf(values[i + 1])))
  })
  const width = all[0].findIndex((c) => c === '')
  const trim = (r: string[]) => r.slice(0, width < 0 ? r.length : width)
  return { header: trim(all[0]), rows: all.slice(1).map(trim) }
}

async function readCsvFile(files: FileStore, file: ExportedFile): Promise<Sheet> {
  const bytes = Buffer.from(await exportedBytes(files, file))
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  // An export of 10,000 households is far beyond what an import reads.
  const table = readCsv(new Uint8Array(bytes), { ...DEFAULT_SHEET_LIMITS, maxBytes: Infinity, maxRows: Infinity })
  return { header: table.header, rows: table.rows.map((r) => r.cells) }
}

const cell = (sheet: Sheet, row: string[], header: string) => row[sheet.header.indexOf(header)]

describe('household and ledger exports', () => {
  let f: HouseholdFixture
  let filed: { id: string; worker: string; idNumber: string }
  const unitA2 = UNITS.find((u) => u.id === 'unit-a2')!

  beforeAll(async () => {
    f = await householdFixture()
    filed = await f.file('unit-a1')
    await f.file('unit-b1')
    // Twelve generated households (filed before the app, each with the application its form was migrated in) under unit-a2, with their ledger.
    const demo = generateDemoLedger(7, [{ id: unitA2.id, path: unitA2.path }])
    const keep = new Set(demo.households.slice(0, 12).map((h) => h.id))
    const part = {
      ...demo,
      households: demo.households.filter((h) => keep.has(h.id)),
      measures: demo.measures.filter((m) => keep.has(m.householdId)),
      disbursements: demo.disbursements.filter((e) => keep.has(e.householdId)),
      checkRecords: [],
      contacts: demo.contacts.filter((c) => keep.has(c.householdId)),
    }
    await writeDemoLedger((work) => f.deps.store.transaction(work), f.deps.cipher, part, 7)
  }, 120_000)
  afterAll(() => f.close())

  it('XLSX for a reviewer who asks for it with a reason: the national form columns in order, sensitive values in full', async () => {
    const file = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '上报全国工会档案系统' })
    expect(file).toMatchObject({ contentType: expect.stringContaining('spreadsheetml'), masked: false, rows: 13, fileName: expect.stringMatching(/^households-full-\d{4}-\d{2}-\d{2}\.xlsx$/) })
    // A link of 5 minutes, no bytes in the reply.
    expect(Date.parse(file.expiresAt) - f.clock.now().getTime()).toBe(300_000)
    expect(JSON.stringify(file).length).toBeLessThan(1000)
    const sheet = await readXlsxFile(f.deps.files, file)
    expect(sheet.header).toEqual(HOUSEHOLD_EXPORT_HEADER)
    expect(sheet.header.slice(0, 7)).toEqual(['档案编号', '困难类别', '姓名', '身份证号', '性别', '出生日期', '健康状况'])
    expect(sheet.rows).toHaveLength(13)
    const number = (await f.record(filed.id)).number
    const row = sheet.rows.find((r) => r[0] === number)!
    expect(cell(sheet, row, '姓名')).toBe('张小明')
    expect(cell(sheet, row, '身份证号')).toBe(filed.idNumber)
    expect(cell(sheet, row, '银行账号')).toBe('6228480123456789012')
    expect(cell(sheet, row, '联系电话')).toBe('13812345678')
    expect(cell(sheet, row, '所属工会')).toBe('农机厂工会')
    expect(cell(sheet, row, '家庭年收入')).toBe('24000')
    expect(cell(sheet, row, '人均月收入')).toBe('416.66')
    expect(cell(sheet, row, '主要致困原因')).toBe('因病')
    expect(cell(sheet, row, '次要致困原因')).toBe('因学')
    expect(cell(sheet, row, '档案状态')).toBe('在档')
    // A generated household came with its filing form (migrated with its file): the form's columns and the ID number's facts.
    const demoRow = sheet.rows.find((r) => cell(sheet, r, '所属工会') === '髯翁社区工会')!
    expect(cell(sheet, demoRow, '家庭年收入')).toMatch(/^[1-9]\d*$/)
    expect(cell(sheet, demoRow, '开户银行')).toMatch(/弥勒/)
    expect(cell(sheet, demoRow, '联系电话')).toMatch(/^1\d{10}$/)
    expect(cell(sheet, demoRow, '身份证号')).toMatch(/^532504\d{8}99\d[\dX]$/)
    expect(cell(sheet, demoRow, '性别')).toMatch(/^[男女]$/)
    expect(cell(sheet, demoRow, '结对帮扶干部')).toBe('李娟')
  })

  it('XLSX opens as a spreadsheet should: the header row frozen, columns as wide as their contents, dates as date cells', async () => {
    const file = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '核对日期' })
    const ws = await exportedSheet(f.deps.files, file)
    // 18 digits of an ID number and its margin; a file number of 17 characters.
    expectSpreadsheetLayout(ws, HOUSEHOLD_EXPORT_COLUMNS, { 身份证号: 20, 档案编号: 19 })
    const number = (await f.record(filed.id)).number
    const row = ws.getColumn(1).values.indexOf(number)
    const at = (header: string) => ws.getCell(row, HOUSEHOLD_EXPORT_HEADER.indexOf(header) + 1).value
    // The birth date comes from the ID number; the filing day is the clock's (Asia/Shanghai).
    expect(at('出生日期')).toEqual(new Date(`${filed.idNumber.slice(6, 10)}-${filed.idNumber.slice(10, 12)}-${filed.idNumber.slice(12, 14)}T00:00:00Z`))
    expect(at('建档日期')).toBeInstanceOf(Date)
    expect(typeof at('家庭年收入')).toBe('number')
    expect(at('身份证号')).toBe(filed.idNumber)

    const ledger = await exportedSheet(f.deps.files, await f.ok<ExportedFile>('o-caseworker', 'exportLedger', { format: 'xlsx' }))
    expectSpreadsheetLayout(ledger, LEDGER_EXPORT_COLUMNS, { 发放日期: 12 })
  })

  it('CSV for a caseworker: the same columns, sensitive values masked', async () => {
    const file = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    expect(file).toMatchObject({ masked: true, rows: 13, contentType: expect.stringContaining('text/csv') })
    const sheet = await readCsvFile(f.deps.files, file)
    expect(sheet.header).toEqual(HOUSEHOLD_EXPORT_HEADER)
    const row = sheet.rows.find((r) => cell(sheet, r, '姓名') === '张小明')!
    expect(cell(sheet, row, '身份证号')).toBe(maskIdNumber(filed.idNumber))
    expect(cell(sheet, row, '银行账号')).toBe('6228 **** 9012')
    expect(cell(sheet, row, '联系电话')).toBe('138****5678')
    expect(cell(sheet, row, '家庭年收入')).toBe('24000.00')
    expect(Buffer.from(await exportedBytes(f.deps.files, file)).toString('utf8')).not.toContain(filed.idNumber)
    for (const r of sheet.rows) expect(cell(sheet, r, '身份证号')).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
  })

  it('a unit of the jurisdiction narrows it; a unit outside is NOT_FOUND', async () => {
    expect((await f.ok<ExportedFile>('o-city-admin', 'exportHouseholds', { format: 'csv' })).rows).toBe(14)
    expect((await f.ok<ExportedFile>('o-city-admin', 'exportHouseholds', { format: 'csv', unitId: 'unit-a2' })).rows).toBe(12)
    expect(await f.hh('o-caseworker', 'exportHouseholds', { format: 'csv', unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
  })

  it('guards cells a spreadsheet would run as a formula', async () => {
    const rec = await f.record(filed.id)
    await f.deps.store.repos.households.update({ ...rec, headName: '=HYPERLINK("http://x")', version: rec.version + 1 }, rec.version)
    const file = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    const sheet = await readCsvFile(f.deps.files, file)
    const raw = Buffer.from(await exportedBytes(f.deps.files, file)).toString('utf8')
    expect(raw).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect(sheet.rows.some((r) => cell(sheet, r, '姓名') === '=HYPERLINK("http://x")')).toBe(true)
    await f.deps.store.repos.households.update({ ...rec, version: rec.version + 2 }, rec.version + 1)
  })

  it('the ledger: one row per entry, amounts in yuan that sum to the net paid, names masked', async () => {
    const approved = await f.deps.store.repos.ledger.approvedUnder('unit-a2', {}, null, 10_000)
    const entries = approved.length
    expect(entries).toBeGreaterThan(0)
    const file = await f.ok<ExportedFile>('o-caseworker', 'exportLedger', { format: 'xlsx' })
    expect(file).toMatchObject({ rows: entries, masked: true, fileName: expect.stringMatching(/^ledger-.*\.xlsx$/) })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await exportedBytes(f.deps.files, file)) as never)
    const ws = workbook.worksheets[0]
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_EXPORT_HEADER)
    expect(ws.rowCount).toBe(entries + 1)
    const row = (ws.getRow(2).values as unknown[]).slice(1)
    expect(row[2]).toMatch(/\*/)
    expect(typeof row[4]).toBe('number')
    expect(row[7]).toMatch(/^\d{4} \*{4} \d{4}$/)
    let fen = 0
    ws.eachRow((r, n) => {
      if (n > 1) fen += Math.round(Number(r.getCell(5).value) * 100)
    })
    const net = approved.reduce((sum, e) => sum + e.amountFen, 0)
    expect(fen).toBe(net)
    expect(String(row[6])).toMatch(/：/)
    const csv = await readCsvFile(f.deps.files, await f.ok<ExportedFile>('o-caseworker', 'exportLedger', { format: 'csv', from: '2016-01-01', to: '2016-12-31' }))
    expect(csv.header).toEqual(LEDGER_EXPORT_HEADER)
    expect(csv.rows.every((r) => r[0] >= '2016-01-01' && r[0] <= '2016-12-31' && /^-?\d+\.\d{2}$/.test(r[4]))).toBe(true)
    expect(await f.hh('o-caseworker', 'exportLedger', { format: 'csv', from: '2017-01-01', to: '2016-12-31' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to' } })
  })

  it('is masked unless asked for: a reviewer gets the masked file by default; a worker or a caseworker never gets a full link; a full one needs a reason', async () => {
    const byDefault = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv' })
    expect(byDefault).toMatchObject({ masked: true, rows: 13 })
    expect(Buffer.from(await exportedBytes(f.deps.files, byDefault)).toString('utf8')).not.toContain(filed.idNumber)
    const full = { format: 'csv', full: true, reason: '核对' }
    expect(await f.hh('o-caseworker', 'exportHouseholds', full)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'full' } })
    expect(await f.hh(filed.worker, 'exportHouseholds', full)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.hh('o-reviewer', 'exportHouseholds', { format: 'csv', full: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason', message: '请填写导出完整信息的理由' } })
    expect(await f.hh('o-reviewer', 'exportHouseholds', { format: 'csv', full: true, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    // None of the refusals wrote an audit event.
    const events = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'household.export' && e.detail.reason === '核对')
    expect(events).toEqual([])
  })

  it('the timer sweep removes an export once its link has ended, not before', async () => {
    const file = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    const key = keyOfLocalLink(file.url)
    expect(key).toMatch(/^exports\/masked-/)
    await removeStaleUploads(f.deps, 1000)
    expect(await f.deps.files.get(key, 10)).not.toBeNull()
    f.clock.advance(MASKED_EXPORT_LINK_SECONDS * 1000 + 1)
    await removeStaleUploads(f.deps, 1000)
    expect(await f.deps.files.get(key, 10)).toBeNull()
  })

  it('audits every export: who, what, how many rows, masked or not', async () => {
    const events = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action.endsWith('.export'))
    expect(events.slice(0, 3).map((e) => [e.actor, e.action, e.subject, e.detail])).toEqual([
      ['o-reviewer', 'household.export', 'unit-a', { format: 'xlsx', rows: 13, masked: false, reason: '上报全国工会档案系统' }],
      ['o-reviewer', 'household.export', 'unit-a', { format: 'xlsx', rows: 13, masked: false, reason: '核对日期' }],
      ['o-caseworker', 'household.export', 'unit-a', { format: 'csv', rows: 13, masked: true }],
    ])
    expect(events.filter((e) => e.action === 'ledger.export').map((e) => e.detail)).toEqual([
      expect.objectContaining({ format: 'xlsx', masked: true, from: null, to: null }),
      expect.objectContaining({ format: 'xlsx', masked: true, from: null, to: null }),
      expect.objectContaining({ format: 'csv', masked: true, from: '2016-01-01', to: '2016-12-31' }),
    ])
    expect(JSON.stringify(events)).not.toContain(filed.idNumber)
  })
})

describe('10,000 households', () => {
  let f: HouseholdFixture

  beforeAll(async () => {
    f = await householdFixture()
    const random = prng(10_000)
    const units = ['unit-a1', 'unit-a2', 'unit-a2x', 'unit-b1']
    const at = '2020-01-01T02:00:00.000Z'
    await f.deps.store.transaction(async (repos) => {
      for (let i = 0; i < 10_000; i++) {
        const id = `bulk-${String(i).padStart(5, '0')}`
        const idNumber = demoIdNumber(random)
        const rec: HouseholdRecord = {
          id,
          number: `MLS-H-2020-${String(i + 1).padStart(6, '0')}`,
          unitId: units[i % units.length],
          category: i % 3 === 0 ? 'deep' : 'relative',
          status: 'filed',
          headName: `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯'[i % 4]}`,
          idNumberEnc: f.deps.cipher.encrypt(idNumber),
          idNumberHash: f.deps.cipher.keyedHash(idNumber),
          memberCount: 1 + (i % 5),
          applicationIds: [],
          cadres: [{ openid: 'o-caseworker', name: '李娟' }],
          history: [{ id: `${id}-e1`, at, by: 'o-reviewer', byName: '周敏', kind: 'filed', applicationId: null, category: 'deep' }],
          lastContactOn: '2020-02-01',
          version: 1,
          filedAt: at,
          updatedAt: at,
        }
        await repos.households.insert(rec)
      }
    })
  }, 300_000)
  afterAll(() => f.close())

  it.each(['xlsx', 'csv'] as const)('exports them as %s a page at a time', async (format) => {
    const repos = f.deps.store.repos
    const heap: number[] = []
    const original = repos.households.listPage.bind(repos.households)
    const scan = jest.spyOn(repos.households, 'listPage').mockImplementation((...args) => {
      heap.push(process.memoryUsage().heapUsed)
      return original(...args)
    })
    // With --expose-gc (NODE_OPTIONS) the heap figures start from a collected heap.
    ;(globalThis as { gc?: () => void }).gc?.()
    const before = process.memoryUsage().heapUsed
    const started = performance.now()
    const file = await exportHouseholds(f.deps, { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }, { format, full: true, reason: '年度核查' })
    const ms = performance.now() - started
    const after = process.memoryUsage().heapUsed
    expect(file.rows).toBe(10_000)
    // 20 full pages of 500 and the empty one that ends the scan: never more than a page at a time.
    expect(scan.mock.calls.length).toBe(21)
    expect(scan.mock.calls.every(([{ limit }]) => limit === 500)).toBe(true)
    const sheet = format === 'xlsx' ? await readXlsxFile(f.deps.files, file) : await readCsvFile(f.deps.files, file)
    expect(sheet.rows).toHaveLength(10_000)
    expect(sheet.header).toEqual(HOUSEHOLD_EXPORT_HEADER)
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
    console.log(
      `export of 10,000 households as ${format}: ${ms.toFixed(0)} ms, ${mb(file.size)} MB file, ` +
        `heap ${mb(before)} MB before, at most ${mb(Math.max(...heap))} MB while reading pages, ${mb(after)} MB at the end (the file written to the file store)`,
    )
    scan.mockRestore()
  }, 120_000)
})
