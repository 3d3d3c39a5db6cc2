import type { ApiReply } from '../../../src/domain'
import { MAX_IMPORT_BYTES, type ImportReport } from '../../../src/domain/api/stations'
import { handle } from '../../functions'
import { handleUpload } from '../../functions/upload'
import { sqliteDeps } from '../../../test/support/deps'
import { stationImportFile } from '../../../test/support/stations'
import { IMPORT_TOO_LARGE } from './import-file'

const ADMIN = 'admin-1'
const OTHER_ADMIN = 'admin-2'
let t: ReturnType<typeof sqliteDeps>
beforeEach(async () => {
  t = sqliteDeps()
  for (const openid of [ADMIN, OTHER_ADMIN]) await t.deps.store.repos.staff.put({ openid, displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
})
afterEach(() => t.close())

const run = async <T>(action: string, input: unknown, openid = ADMIN) => (await handle('stations', { action, input }, { openid }, t.deps)) as ApiReply<T>
const stage = async (bytes: Uint8Array, openid = ADMIN) => (await handleUpload({ purpose: 'import' }, bytes, { openid }, t.deps)) as ApiReply<{ fileId: string }>
const fileIdOf = (reply: ApiReply<{ fileId: string }>) => {
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.data.fileId
}
const stored = async (fileId: string) => (await t.deps.files.get(fileId, MAX_IMPORT_BYTES)) !== null
const REFUSED_ID = { ok: false, error: { code: 'VALIDATION', message: '文件不正确，请重新选择文件', field: 'fileId' } }

describe('the import file travels through storage', () => {
  it('prepareImport hands an admin a fresh path in their own upload folder, recorded for the sweep', async () => {
    const a = await run<{ cloudPath: string }>('prepareImport', {})
    const b = await run<{ cloudPath: string }>('prepareImport', {})
    // Clients may write only under uploads/<openid>/ (the storage rules deploy sets).
    expect(a).toMatchObject({ ok: true, data: { cloudPath: expect.stringMatching(/^uploads\/[\w-]+\/station-import\/[\w-]+-[0-9a-f]{24}$/) } })
    expect(a.ok && b.ok && a.data.cloudPath !== b.data.cloudPath).toBe(true)
    // Recorded like any upload, so the timer removes a file no import consumed.
    const old = await t.deps.store.repos.uploads.olderThan('9999-12-31T00:00:00.000Z', 10)
    expect(old.map((u) => u.applicationId)).toEqual(['station-import', 'station-import'])
  })

  it('nobody imports, or deletes, a file that is not their own import file', async () => {
    const mine = fileIdOf(await stage(await stationImportFile(2, 'csv')))
    expect(await run('import', { format: 'csv', fileId: mine, dryRun: false }, OTHER_ADMIN)).toEqual(REFUSED_ID)
    expect(await stored(mine)).toBe(true)
    // Another stored file (a worker's document), named directly or with a made-up token.
    const document = await t.deps.files.put('documents/app-1/doc-1.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')
    for (const fileId of [document, 'uploads/demo-admin/station-import/doc-1-000000000000000000000000', 'uploads/x/station-import/../../../documents/app-1/doc-1.jpg']) {
      expect(await run('import', { format: 'csv', fileId, dryRun: false })).toEqual(REFUSED_ID)
    }
    expect(await stored(document)).toBe(true)
  })

  it('a dry run keeps the file for the confirming run, which deletes it; a missing file says so', async () => {
    const fileId = fileIdOf(await stage(await stationImportFile(2, 'xlsx')))
    expect(await run<ImportReport>('import', { format: 'xlsx', fileId, dryRun: true })).toMatchObject({ ok: true, data: { created: 2, applied: false } })
    expect(await stored(fileId)).toBe(true)
    expect(await run<ImportReport>('import', { format: 'xlsx', fileId, dryRun: false })).toMatchObject({ ok: true, data: { created: 2, applied: true } })
    expect(await stored(fileId)).toBe(false)
    expect(await run('import', { format: 'xlsx', fileId, dryRun: false })).toEqual({ ok: false, error: { code: 'VALIDATION', message: '没有找到上传的文件，请重新选择文件', field: 'fileId' } })
  })

  it('the bytes decide the type, not the name: each mismatch is refused and the file deleted', async () => {
    const xlsx = fileIdOf(await stage(await stationImportFile(1, 'xlsx')))
    expect(await run('import', { format: 'csv', fileId: xlsx, dryRun: true })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '文件内容是 Excel（xlsx）表格，但文件名是 .csv：请把文件名改为 .xlsx 后重试', field: 'fileId' },
    })
    expect(await stored(xlsx)).toBe(false)
    const binary = fileIdOf(await stage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0, 0, 1, 2])))
    expect(await run('import', { format: 'csv', fileId: binary, dryRun: true })).toMatchObject({ ok: false, error: { message: '不是有效的 CSV 文件：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试' } })
    expect(await stored(binary)).toBe(false)
  })

  it('the local upload route takes import files from admins only, up to the import limit', async () => {
    expect(await stage(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61))).toEqual({ ok: false, error: { code: 'VALIDATION', message: IMPORT_TOO_LARGE, field: 'file' } })
    expect(IMPORT_TOO_LARGE).toBe('文件太大：一次最多导入1MB，请分成几个文件')
    await t.deps.store.repos.staff.put({ openid: 'caseworker-1', displayName: '社工', unitId: 'unit-root', roles: ['caseworker'], active: true })
    expect(await stage(new Uint8Array([0x61]), 'caseworker-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await stage(new Uint8Array([0x61]), 'someone')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
