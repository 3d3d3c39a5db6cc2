/**
 * Export jobs on both stores: SQLite with the local file folder, and CloudBase through the real SDK
 * into the stand-in with its storage. A start answers at once and a retried start (same request id)
 * finds the same job; parts resume from the saved cursor after a crash without a row twice; the
 * file put together from parts equals a one-shot export of the same data (CSV byte for byte, XLSX
 * cell for cell); only the starter sees the job and only their jurisdiction is in it; the timer's
 * sweep removes jobs past their time and their files. Every part is awaited: nothing runs after a test.
 */
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import type { Store } from '../../server/ports'
import { advanceExportJobs, runExportPart, sweepExportJobs, type PartBudget } from '../../server/usecases/households/export-jobs'
import { FULL_EXPORT_LINK_SECONDS, MASKED_EXPORT_LINK_SECONDS } from '../../server/usecases/households/export-link'
import { removeStaleUploads } from '../../server/usecases/shared/uploads'
import type { ExportedFile, ExportJobView } from '../../src/domain/api/households'
import { HOUSEHOLD_EXPORT_COLUMNS } from '../../src/domain/household-export'
import { exportedBytes, exportedSheet, expectSpreadsheetLayout } from '../support/exports'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { exportJobSteps } from '../support/export-jobs'
import { contractStores } from './stores'

const { factories } = contractStores()

/** A part of at most one page of two households: five households take three parts. */
const SMALL: PartBudget = { ms: 60_000, maxPages: 1, pageSize: 2 }
const LEASE_OVER_MS = SMALL.ms + 31_000

describe.each(factories)('export jobs: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let f: HouseholdFixture
  beforeAll(async () => {
    ;({ store, close } = open())
    f = await householdFixture(store)
    if (name === 'cloudbase') f.deps.files = cloudbaseFileStore()
    // Five households in the reviewer's street (unit-a), one in another township (unit-b).
    for (let i = 0; i < 5; i++) await f.file('unit-a1')
    await f.file('unit-b1')
  }, 120_000)
  afterAll(async () => {
    await f.close()
    await close()
  })

  const { job, finish, crashPart, fileOf } = exportJobSteps(() => f, SMALL)

  it('a start answers at once with the job; the same request id finds the same job, another starter gets their own', async () => {
    const first = await f.hh<ExportJobView>('o-reviewer', 'startHouseholdExport', { format: 'csv' }, 'req-start-1')
    expect(first).toEqual({ ok: true, data: { jobId: expect.stringMatching(/^[\w-]+$/), state: 'running', done: 0, total: 5 } })
    const again = await f.hh<ExportJobView>('o-reviewer', 'startHouseholdExport', { format: 'csv' }, 'req-start-1')
    expect(again).toEqual(first)
    const other = await f.hh<ExportJobView>('o-caseworker', 'startHouseholdExport', { format: 'csv' }, 'req-start-1')
    expect(other.ok && first.ok && other.data.jobId !== first.data.jobId).toBe(true)
    if (!first.ok) return
    // Nothing was written by the start: no part, no file, no audit event.
    expect(await job(first.data.jobId)).toMatchObject({ state: 'running', done: 0, parts: [], lease: null, openid: 'o-reviewer', masked: true })
    expect((await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'household.export')).toEqual([])
    // Bad input names its field; a full export needs a reviewer and a reason, as the one-shot one does.
    expect(await f.hh('o-reviewer', 'startHouseholdExport', { format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请选择文件格式', field: 'format' } })
    expect(await f.hh('o-reviewer', 'startHouseholdExport', { format: 'csv', full: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    expect(await f.hh('o-caseworker', 'startHouseholdExport', { format: 'csv', full: true, reason: '核对' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    for (const id of [first.data.jobId, other.ok ? other.data.jobId : '']) await f.deps.store.repos.exportJobs.remove(id)
  })

  it('a part that crashes after writing its file is written again from the saved cursor: no row twice, its file removed; the CSV equals a one-shot export byte for byte', async () => {
    const started = await f.ok<ExportJobView>('o-reviewer', 'startHouseholdExport', { format: 'csv' })
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('written')
    expect(await job(started.jobId)).toMatchObject({ done: 2, parts: [expect.anything()], lease: null })

    // The next part dies after its file is in the store, before its cursor is saved.
    const crashed = await crashPart(started.jobId)
    expect(crashed).toMatchObject({ done: 2, parts: [expect.anything()], lease: { key: expect.any(String) } })
    expect(await f.deps.files.get(crashed.lease!.key!, 1 << 20)).not.toBeNull()
    // Its lease holds until its time is over; then the next runner takes over from the saved cursor.
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('busy')
    expect((await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })).done).toBe(2)
    f.clock.advance(LEASE_OVER_MS)
    expect(await runExportPart(f.deps, started.jobId, SMALL)).toBe('written')
    expect(await f.deps.files.get(crashed.lease!.key!, 1 << 20)).toBeNull()
    expect(await job(started.jobId)).toMatchObject({ done: 4, parts: [expect.anything(), expect.anything()] })
    expect(await finish(started.jobId)).toEqual(['ready'])

    const view = await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: started.jobId })
    expect(view).toMatchObject({ state: 'ready', done: 5, total: 5, file: { rows: 5, masked: true, fileName: expect.stringMatching(/^households-.*\.csv$/) } })
    const parts = (await job(started.jobId)).parts
    expect(parts).toEqual([])
    const oneShot = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv' })
    const text = Buffer.from(await exportedBytes(f.deps.files, view.file!)).toString('utf8')
    expect(text).toBe(Buffer.from(await exportedBytes(f.deps.files, oneShot)).toString('utf8'))
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(6)
    const audit = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'household.export' && e.detail.job === started.jobId)
    expect(audit.map((e) => [e.actor, e.detail.rows, e.detail.parts, e.detail.masked])).toEqual([['o-reviewer', 5, 3, true]])
  })

  it('an XLSX put together from parts opens as the one-shot XLSX does, cell for cell, full only for a reviewer with a reason', async () => {
    const started = await f.ok<ExportJobView>('o-reviewer', 'startHouseholdExport', { format: 'xlsx', full: true, reason: '年度核查' })
    expect(await finish(started.jobId)).toEqual(['written', 'written', 'ready'])
    const file = await fileOf('o-reviewer', started.jobId)
    expect(file).toMatchObject({ masked: false, rows: 5, receipt: expect.any(String), fileName: expect.stringMatching(/^households-full-.*\.xlsx$/) })
    expect(Date.parse(file.expiresAt) - f.clock.now().getTime()).toBeLessThanOrEqual(FULL_EXPORT_LINK_SECONDS * 1000)
    const ws = await exportedSheet(f.deps.files, file)
    const oneShot = await exportedSheet(f.deps.files, await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '年度核查' }))
    expectSpreadsheetLayout(ws, HOUSEHOLD_EXPORT_COLUMNS, { 身份证号: 20 })
    expect(ws.rowCount).toBe(6)
    const values = (sheet: typeof ws) => Array.from({ length: sheet.rowCount }, (_, r) => HOUSEHOLD_EXPORT_COLUMNS.map((_c, c) => sheet.getCell(r + 1, c + 1).value))
    expect(values(ws)).toEqual(values(oneShot))
    expect(HOUSEHOLD_EXPORT_COLUMNS.map((_c, i) => ws.getColumn(i + 1).width)).toEqual(HOUSEHOLD_EXPORT_COLUMNS.map((_c, i) => oneShot.getColumn(i + 1).width))
    expect(String(ws.getCell(2, HOUSEHOLD_EXPORT_COLUMNS.findIndex((c) => c.header === '身份证号') + 1).value)).toMatch(/^\d{17}[\dX]$/)
  })

  it('only the starter sees a job; each starter gets their jurisdiction; one who loses the right to it gets nothing more written', async () => {
    const b = await f.ok<ExportJobView>('o-b-staff', 'startHouseholdExport', { format: 'csv' })
    expect(b.total).toBe(1)
    expect(await f.hh('o-reviewer', 'exportStatus', { jobId: b.jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'jobId' } })
    expect(await f.hh('o-b-staff', 'exportStatus', { jobId: '../x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'jobId' } })
    // The status poll writes a short part itself: one household is done in one.
    const view = await f.ok<ExportJobView>('o-b-staff', 'exportStatus', { jobId: b.jobId })
    expect(view).toMatchObject({ state: 'ready', done: 1, total: 1 })
    const text = Buffer.from(await exportedBytes(f.deps.files, view.file!)).toString('utf8')
    expect(text).toContain('新哨镇中心学校工会')
    expect(text).not.toContain('农机厂工会')
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(2)
    // A unit outside the starter's jurisdiction cannot be asked for.
    expect(await f.hh('o-b-staff', 'startHouseholdExport', { format: 'csv', unitId: 'unit-a' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })

    const a = await f.ok<ExportJobView>('o-caseworker-2', 'startHouseholdExport', { format: 'csv' })
    expect(await runExportPart(f.deps, a.jobId, SMALL)).toBe('written')
    const staff = (await f.deps.store.repos.staff.getByOpenid('o-caseworker-2'))!
    await f.deps.store.repos.staff.put({ ...staff, active: false })
    expect(await runExportPart(f.deps, a.jobId, SMALL)).toBe('idle')
    await f.deps.store.repos.staff.put(staff)
    expect(await job(a.jobId)).toMatchObject({ state: 'failed', parts: [], error: '导出人已没有导出权限，导出已停止' })
    expect(await f.ok<ExportJobView>('o-caseworker-2', 'exportStatus', { jobId: a.jobId })).toEqual({ jobId: a.jobId, state: 'failed', done: 2, total: 5, error: '导出人已没有导出权限，导出已停止' })
  })

  it("the timer writes due jobs' parts; its sweep removes jobs past their time with their files, an unfinished one audited", async () => {
    const ready = await f.ok<ExportJobView>('o-reviewer', 'startHouseholdExport', { format: 'csv' })
    expect(await advanceExportJobs(f.deps)).toBeGreaterThanOrEqual(1)
    expect(await job(ready.jobId)).toMatchObject({ state: 'ready', done: 5 })
    const file = await fileOf('o-reviewer', ready.jobId)

    const abandoned = await f.ok<ExportJobView>('o-caseworker', 'startHouseholdExport', { format: 'csv' })
    expect(await runExportPart(f.deps, abandoned.jobId, SMALL)).toBe('written')
    const partKey = (await job(abandoned.jobId)).parts[0].key
    expect(await sweepExportJobs(f.deps)).toBe(0)

    // The ready job's link ends: its record goes, its file with the uploads' sweep.
    f.clock.advance(MASKED_EXPORT_LINK_SECONDS * 1000 + 1)
    expect(await f.ok<ExportJobView>('o-reviewer', 'exportStatus', { jobId: ready.jobId })).toMatchObject({ state: 'ready', error: '下载链接已过期，请重新导出' })
    expect(await sweepExportJobs(f.deps)).toBeGreaterThanOrEqual(1)
    expect(await f.hh('o-reviewer', 'exportStatus', { jobId: ready.jobId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    f.clock.advance(3600_000)
    expect(await removeStaleUploads(f.deps, 100)).toBeGreaterThanOrEqual(1)
    await expect(exportedBytes(f.deps.files, file)).rejects.toThrow(/not in the file store/)

    // A job nobody finished within a day: its part file and record go, audited.
    f.clock.advance(24 * 3600_000)
    expect(await sweepExportJobs(f.deps)).toBeGreaterThanOrEqual(1)
    expect(await f.deps.store.repos.exportJobs.get(abandoned.jobId)).toBeNull()
    expect(await f.deps.files.get(partKey, 1 << 20)).toBeNull()
    const audit = (await f.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'export.abandoned')
    expect(audit.map((e) => [e.actor, e.detail.job, e.detail.rows])).toContainEqual(['system:export-sweep', abandoned.jobId, 2])
    expect(await f.deps.store.repos.exportJobs.expired(f.clock.now().toISOString(), 100)).toEqual([])
  })
})
