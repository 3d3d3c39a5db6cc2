/**
 * Exports on both stores: SQLite with the local file folder, and CloudBase through the real SDK into
 * the stand-in with CloudBase storage. The reply is a link (no bytes); the file is read through it;
 * a full export needs a reviewer and a reason and is audited with it; a caseworker or a worker gets
 * no full link; the timer's sweep removes the file from its store once the link has ended.
 */
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import type { Store } from '../../server/ports'
import { FULL_EXPORT_LINK_SECONDS } from '../../server/usecases/households/export-link'
import { removeStaleUploads } from '../../server/usecases/shared/uploads'
import type { ExportedFile } from '../../src/domain/api/households'
import { exportedBytes, exportedSheet, expectSpreadsheetLayout } from '../support/exports'
import { HOUSEHOLD_EXPORT_COLUMNS } from '../../src/domain/household-export'
import { maskIdNumber } from '../../src/domain/mask'
import { householdFixture, type HouseholdFixture } from '../support/households'
import { contractStores } from './stores'

const { factories } = contractStores()
const HOUSEHOLD_EXPORT_COLUMNS_WIDE = { 身份证号: 20 }

describe.each(factories)('exports: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let f: HouseholdFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    f = await householdFixture(store)
    // CloudBase keeps the export in its storage, as documents are.
    if (name === 'cloudbase') f.deps.files = cloudbaseFileStore()
  })
  afterEach(async () => {
    await f.close()
    await close()
  })

  it('hands over a masked link by default and a full one only to a reviewer with a reason; the sweep removes both after their links end', async () => {
    const filed = await f.file('unit-a1')
    const masked = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    expect(masked).toMatchObject({ masked: true, rows: 1, fileName: expect.stringMatching(/\.csv$/) })
    expect(JSON.stringify(masked)).not.toContain(filed.idNumber)
    const maskedText = Buffer.from(await exportedBytes(f.deps.files, masked)).toString('utf8')
    expect(maskedText).toContain('张小明')
    expect(maskedText).not.toContain(filed.idNumber)

    for (const who of ['o-caseworker', filed.worker]) {
      expect(await f.hh(who, 'exportHouseholds', { format: 'csv', full: true, reason: '核对' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await f.hh('o-reviewer', 'exportHouseholds', { format: 'csv', full: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } })
    const full = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv', full: true, reason: '上报全国工会档案系统' })
    expect(full).toMatchObject({ masked: false, rows: 1 })
    expect(Date.parse(full.expiresAt) - f.clock.now().getTime()).toBe(FULL_EXPORT_LINK_SECONDS * 1000)
    expect(Buffer.from(await exportedBytes(f.deps.files, full)).toString('utf8')).toContain(filed.idNumber)
    const audit = (await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action === 'household.export')
    expect(audit.map((e) => [e.actor, e.detail.masked, e.detail.reason])).toEqual([
      ['o-caseworker', true, undefined],
      ['o-reviewer', false, '上报全国工会档案系统'],
    ])

    const ledger = await f.ok<ExportedFile>('o-caseworker', 'exportLedger', { format: 'xlsx' })
    expect((await exportedBytes(f.deps.files, ledger)).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]))

    // Before the links end nothing is swept; after the longest (the masked ones') everything is.
    expect(await removeStaleUploads(f.deps, 100)).toBe(0)
    f.clock.advance(FULL_EXPORT_LINK_SECONDS * 1000 + 1)
    expect(await removeStaleUploads(f.deps, 100)).toBe(1)
    f.clock.advance(3600_000)
    expect(await removeStaleUploads(f.deps, 100)).toBe(2)
    await expect(exportedBytes(f.deps.files, masked)).rejects.toThrow(/not in the file store/)
    await expect(exportedBytes(f.deps.files, full)).rejects.toThrow(/not in the file store/)
  })

  it("a full export's receipt from the phone that made it deletes its file at once, audited; another's receipt does nothing; one never received is audited as expired by the sweep", async () => {
    await f.file('unit-a1')
    const full = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv', full: true, reason: '上报' })
    expect(full.receipt).toMatch(/^[\w-]+$/)
    expect((await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })).receipt).toBeUndefined()
    expect(await f.ok('o-caseworker', 'exportReceived', { receipt: full.receipt })).toEqual({ removed: false })
    expect(await f.hh('o-reviewer', 'exportReceived', { receipt: '../x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receipt' } })
    expect((await exportedBytes(f.deps.files, full)).length).toBe(full.size)
    expect(await f.ok('o-reviewer', 'exportReceived', { receipt: full.receipt })).toEqual({ removed: true })
    await expect(exportedBytes(f.deps.files, full)).rejects.toThrow(/not in the file store/)
    expect(await f.ok('o-reviewer', 'exportReceived', { receipt: full.receipt })).toEqual({ removed: false })

    const unreceived = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv', full: true, reason: '核对' })
    f.clock.advance(FULL_EXPORT_LINK_SECONDS * 1000 + 1)
    // The unreceived full export is swept (the masked one's link lasts longer); the received one went with its record.
    expect(await removeStaleUploads(f.deps, 100)).toBe(1)
    await expect(exportedBytes(f.deps.files, unreceived)).rejects.toThrow(/not in the file store/)
    const events = (await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action.startsWith('export.'))
    expect(events.map((e) => [e.action, e.actor, e.subject, e.detail.exportedBy]).sort()).toEqual([
      ['export.expired', 'system:export-sweep', `export:${unreceived.receipt}`, 'o-reviewer'],
      ['export.received', 'o-reviewer', `export:${full.receipt}`, 'o-reviewer'],
    ])
    expect(await f.ok('o-reviewer', 'exportReceived', { receipt: unreceived.receipt })).toEqual({ removed: false })
  })

  it('an XLSX export on this store opens with the header frozen, its columns sized and its dates as dates, masked unless a reviewer asks with a reason', async () => {
    const filed = await f.file('unit-a1')
    const full = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '年度核查' })
    const ws = await exportedSheet(f.deps.files, full)
    expectSpreadsheetLayout(ws, HOUSEHOLD_EXPORT_COLUMNS, HOUSEHOLD_EXPORT_COLUMNS_WIDE)
    const idColumn = HOUSEHOLD_EXPORT_COLUMNS.findIndex((c) => c.header === '身份证号') + 1
    expect(ws.getCell(2, idColumn).value).toBe(filed.idNumber)
    const masked = await exportedSheet(f.deps.files, await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'xlsx' }))
    expectSpreadsheetLayout(masked, HOUSEHOLD_EXPORT_COLUMNS)
    expect(masked.getCell(2, idColumn).value).toBe(maskIdNumber(filed.idNumber))
  })

  it('an export that fails halfway leaves no file in the store, no audit event and no link', async () => {
    await f.file('unit-a1')
    const paths: string[] = []
    const files = f.deps.files
    f.deps.files = { ...files, create: (path, type) => (paths.push(path), files.create(path, type)) }
    const getMany = jest.spyOn(f.deps.store.repos.applications, 'getMany').mockRejectedValue(new Error('read failed'))
    expect(await f.hh('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '核对' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    getMany.mockRestore()
    expect(paths).toHaveLength(1)
    expect(await files.get(await files.keyFor(paths[0]), 10)).toBeNull()
    expect((await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action === 'household.export')).toEqual([])
  })
})
