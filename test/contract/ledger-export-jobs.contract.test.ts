/**
 * The ledger export (帮扶资金台账) as a job on both stores: SQLite with the local file folder, and
 * CloudBase through the real SDK into the stand-in with its storage. A reviewer of a street with
 * 1,200 units below it (more than the 1,000 units one read could take before) gets every approved
 * entry of the street once, by day paid, in parts that resume from the saved cursor after a crash;
 * names are masked; a date range holds only its days; concurrent status polls write one part at a
 * time; only the starter sees the job, each starter their jurisdiction. Every part is awaited.
 */
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import type { OrgUnitRecord, Store } from '../../server/ports'
import { advanceExportJobs, runExportPart, sweepExportJobs, type PartBudget } from '../../server/usecases/households/export-jobs'
import { readCsv } from '../../server/usecases/shared/csv'
import { DEFAULT_SHEET_LIMITS } from '../../server/usecases/shared/sheet-limits'
import type { ExportedFile, ExportJobView } from '../../src/domain/api/households'
import type { DisbursementEntry } from '../../src/domain/ledger'
import { LEDGER_EXPORT_COLUMNS, LEDGER_EXPORT_HEADER, ledgerExportRow } from '../../src/domain/ledger-export'
import { exportedBytes, exportedSheet, expectSpreadsheetLayout } from '../support/exports'
import { paymentEntry } from '../support/household-records'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { exportJobSteps } from '../support/export-jobs'
import { contractStores } from './stores'

const { factories } = contractStores()

/** A part of at most one page of three entries. */
const SMALL: PartBudget = { ms: 60_000, maxPages: 1, pageSize: 3 }
const LEASE_OVER_MS = SMALL.ms + 31_000

/** 1,200 grassroots units under the street unit-a: its jurisdiction is larger than one `in` list. */
const PROVINCE_UNITS: OrgUnitRecord[] = Array.from({ length: 1200 }, (_, i) => {
  const id = `unit-a-p${String(i).padStart(4, '0')}`
  return { id, name: `基层工会${i}`, parentId: 'unit-a', path: ['unit-root', 'unit-a', id] }
})

const byDayPaid = (a: DisbursementEntry, b: DisbursementEntry) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.id < b.id ? -1 : 1)

describe.each(factories)('ledger export jobs: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let f: HouseholdFixture
  const entries: DisbursementEntry[] = []
  const files = new Map<string, { number: string; headName: string }>()

  beforeAll(async () => {
    ;({ store, close } = open())
    f = await householdFixture(store)
    if (name === 'cloudbase') f.deps.files = cloudbaseFileStore()
    for (let i = 0; i < PROVINCE_UNITS.length; i += 50) await Promise.all(PROVINCE_UNITS.slice(i, i + 50).map((u) => store.repos.units.put(u)))
    const a = await f.file('unit-a1')
    const b = await f.file('unit-b1')
    for (const id of [a.id, b.id]) {
      const h = await f.record(id)
      files.set(id, { number: h.number, headName: h.headName })
    }
    // 14 approved entries under unit-a (in unit-a1, the street itself and units past the 1,000th), with ties on the day;
    // one pending and one rejected there; two approved in unit-b1.
    for (let i = 0; i < 14; i++) {
      const unitId = i % 3 === 0 ? 'unit-a1' : i % 3 === 1 ? PROVINCE_UNITS[1100 + i].id : i === 2 ? 'unit-a' : PROVINCE_UNITS[i * 37].id
      entries.push(paymentEntry(`le-${String(i).padStart(2, '0')}`, { unitId, householdId: i % 3 === 0 ? a.id : `hh-elsewhere-${i}`, paidOn: `2025-0${1 + (i % 4)}-1${i % 2}`, amountFen: 10_000 + i }))
    }
    entries.push({ ...paymentEntry('le-pending', { unitId: 'unit-a1', householdId: a.id }), status: 'pending', decision: null })
    entries.push({ ...paymentEntry('le-rejected', { unitId: 'unit-a1', householdId: a.id }), status: 'rejected', decision: { status: 'rejected', by: 'o-reviewer', byName: '周敏', at: '2026-03-02T00:00:00.000Z', note: '重复' } })
    for (let i = 0; i < 2; i++) entries.push(paymentEntry(`lb-${i}`, { unitId: 'unit-b1', householdId: b.id, paidOn: `2025-06-0${i + 1}` }))
    for (const e of entries) await store.repos.ledger.append(e)
  }, 180_000)
  afterAll(async () => {
    await f.close()
    await close()
  })

  const { job, finish, crashPart, fileOf } = exportJobSteps(() => f, SMALL)
  /** What the ledger export of `units` should hold: their approved entries by day paid, as rows. */
  const expected = (inUnit: (unitId: string) => boolean, keep: (e: DisbursementEntry) => boolean = () => true) =>
    entries
      .filter((e) => e.status === 'approved' && inUnit(e.unitId) && keep(e))
      .sort(byDayPaid)
      .map((e) => ledgerExportRow(e, files.get(e.householdId) ?? null, ''))
  const inStreetA = (unitId: string) => unitId.startsWith('unit-a')
  async function csvOf(file: ExportedFile): Promise<{ header: string[]; rows: string[][] }> {
    const table = readCsv(new Uint8Array(await exportedBytes(f.deps.files, file)), { ...DEFAULT_SHEET_LIMITS, maxBytes: Infinity, maxRows: Infinity })
    return { header: table.header, rows: table.rows.map((r) => r.cells) }
  }

  it('a start answers at once with the count of approved entries; the same request id finds the same job; a reversed range names its field', async () => {
    const first = await f.hh<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'csv' }, 'req-ledger-1')
    expect(first).toEqual({ ok: true, data: { jobId: expect.stringMatching(/^[\w-]+$/), state: 'running', done: 0, total: 14 } })
    expect(await f.hh<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'csv' }, 'req-ledger-1')).toEqual(first)
    if (!first.ok) return
    expect(await job(first.data.jobId)).toMatchObject({ kind: 'ledger', masked: true, reason: null, unitId: 'unit-a', parts: [], cursor: { after: null } })
    expect((await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'ledger.export')).toEqual([])
    expect(await f.hh('o-reviewer', 'startLedgerExport', { format: 'xlsx', from: '2025-05-01', to: '2025-04-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '结束日期不能早于开始日期', field: 'to' } })
    expect(await f.hh('o-reviewer', 'startLedgerExport', { format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'format' } })
    expect(await f.hh('o-reviewer', 'startLedgerExport', { format: 'csv', from: '2025-13-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } })
    await f.deps.store.repos.exportJobs.remove(first.data.jobId)
  })

  it('writes the street of 1,200 units in parts; a part cut short is written again from the saved cursor: each approved entry once, by day paid, names masked, audited', async () => {
    const started = await f.ok<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'csv' })
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('written')
    expect(await job(started.jobId)).toMatchObject({ done: 3, parts: [expect.anything()], lease: null })

    const crashed = await crashPart(started.jobId)
    expect(crashed).toMatchObject({ done: 3, parts: [expect.anything()], lease: { key: expect.any(String) } })
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('busy')
    f.clock.advance(LEASE_OVER_MS)
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('written')
    expect(await f.deps.files.get(crashed.lease!.key!, 1 << 20)).toBeNull()
    expect(await job(started.jobId)).toMatchObject({ done: 6, parts: [expect.anything(), expect.anything()] })
    // 14 entries in parts of 3: the fifth part reads the last two, ends the data and puts the file together.
    expect(await finish(started.jobId)).toEqual(['written', 'written', 'ready'])

    const view = await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })
    expect(view).toMatchObject({ state: 'ready', done: 14, total: 14, file: { rows: 14, masked: true, fileName: expect.stringMatching(/^ledger-.*\.csv$/) } })
    const csv = await csvOf(view.file!)
    expect(csv.header).toEqual(LEDGER_EXPORT_HEADER)
    expect(csv.rows).toEqual(expected(inStreetA))
    const names = csv.rows.map((r) => r[LEDGER_EXPORT_HEADER.indexOf('户主姓名')]).filter(Boolean)
    expect(names.length).toBeGreaterThan(0)
    expect(names.every((n) => n.includes('*'))).toBe(true)
    expect(Buffer.from(await exportedBytes(f.deps.files, view.file!)).toString('utf8')).not.toContain(files.values().next().value!.headName)
    expect((await job(started.jobId)).parts).toEqual([])
    const audit = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'ledger.export' && e.detail.job === started.jobId)
    expect(audit.map((e) => [e.actor, e.subject, e.detail.rows, e.detail.parts, e.detail.masked, e.detail.from, e.detail.to])).toEqual([['o-reviewer', 'unit-a', 14, 5, true, null, null]])
  })

  it('an XLSX of a date range holds only its days, laid out as the one-shot ledger export is', async () => {
    const started = await f.ok<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'xlsx', from: '2025-02-01', to: '2025-03-10' })
    const inRange = expected(inStreetA, (e) => e.paidOn >= '2025-02-01' && e.paidOn <= '2025-03-10')
    expect(started.total).toBe(inRange.length)
    expect(inRange.length).toBeGreaterThan(3)
    await finish(started.jobId)
    const file = await fileOf('o-reviewer', started.jobId)
    expect(file).toMatchObject({ rows: inRange.length, masked: true, fileName: expect.stringMatching(/^ledger-.*\.xlsx$/) })
    const ws = await exportedSheet(f.deps.files, file)
    expectSpreadsheetLayout(ws, LEDGER_EXPORT_COLUMNS)
    expect(ws.rowCount).toBe(inRange.length + 1)
    const numberCol = LEDGER_EXPORT_HEADER.indexOf('档案编号') + 1
    expect(Array.from({ length: inRange.length }, (_, r) => String(ws.getCell(r + 2, numberCol).value ?? ''))).toEqual(inRange.map((row) => row[numberCol - 1]))
    const audit = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'ledger.export' && e.detail.job === started.jobId)
    expect(audit.map((e) => [e.detail.from, e.detail.to])).toEqual([['2025-02-01', '2025-03-10']])
  })

  it('concurrent status polls and the timer write one part at a time: the file holds each entry once, audited once', async () => {
    const started = await f.ok<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'csv' })
    const polls = await Promise.all([
      ...Array.from({ length: 6 }, () => f.hh<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })),
      advanceExportJobs(f.deps).then(() => null),
    ])
    for (const p of polls) if (p) expect(p).toMatchObject({ ok: true, data: { jobId: started.jobId, total: 14 } })
    f.clock.advance(LEASE_OVER_MS)
    for (let i = 0; i < 5 && (await job(started.jobId)).state === 'running'; i++) await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })
    const view = await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })
    expect(view).toMatchObject({ state: 'ready', done: 14, total: 14 })
    expect((await csvOf(view.file!)).rows).toEqual(expected(inStreetA))
    expect((await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'ledger.export' && e.detail.job === started.jobId)).toHaveLength(1)
  })

  it("only the starter sees a job; another street's staff get their own entries; a unit outside the jurisdiction is refused; the sweep removes an unfinished job's parts", async () => {
    const b = await f.ok<ExportJobView>('o-b-staff', 'startLedgerExport', { format: 'csv' })
    expect(b.total).toBe(2)
    expect(await f.hh('o-reviewer', 'exportStatus', { jobId: b.jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'jobId' } })
    const view = await f.ok<ExportJobView>('o-b-staff', 'exportStatus', { jobId: b.jobId })
    expect(view).toMatchObject({ state: 'ready', done: 2 })
    expect((await csvOf(view.file!)).rows).toEqual(expected((u) => u.startsWith('unit-b')))
    expect(await f.hh('o-b-staff', 'startLedgerExport', { format: 'csv', unitId: 'unit-a' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
    // A unit of the street, past the 1,000th: only its entries.
    const unit = PROVINCE_UNITS[1101].id
    const one = await f.ok<ExportJobView>('o-reviewer', 'startLedgerExport', { format: 'csv', unitId: unit })
    expect(one.total).toBe(expected((u) => u === unit).length)

    const abandoned = await f.ok<ExportJobView>('o-caseworker', 'startLedgerExport', { format: 'csv' })
    expect(await runExportPart(f.deps, abandoned.jobId, SMALL)).toBe('written')
    const partKey = (await job(abandoned.jobId)).parts[0].key
    f.clock.advance(25 * 3600_000)
    expect(await sweepExportJobs(f.deps)).toBeGreaterThanOrEqual(1)
    expect(await f.deps.store.repos.exportJobs.get(abandoned.jobId)).toBeNull()
    expect(await f.deps.files.get(partKey, 1 << 20)).toBeNull()
  })
})
