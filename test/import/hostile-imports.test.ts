/**
 * Station imports of hostile files: each file of the generated corpus is refused with the Chinese
 * message naming what is too large, deleted from storage, and the process keeps serving other
 * calls while it is read. Valid files of the largest allowed size still import. No time is
 * asserted here: `npm run bench:imports` measures refusal time, memory and the others' wait.
 */
import type { ApiReply } from '../../src/domain'
import type { ImportReport } from '../../src/domain/api/stations'
import { handle } from '../../server/functions'
import { DEFAULT_SHEET_LIMITS } from '../../server/usecases/shared/sheet-limits'
import { readSheetOffThread, ThreadBoundHit } from '../../server/usecases/shared/sheet-worker/read-off-thread'
import { hostileFiles, type HostileFile } from '../support/hostile-sheets'
import { sqliteDeps } from '../support/deps'
import { stationImportFile } from '../support/stations'

const ADMIN = 'admin-1'
let t: ReturnType<typeof sqliteDeps>
beforeAll(async () => {
  t = sqliteDeps()
  await t.deps.store.repos.staff.put({ openid: ADMIN, displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
})
afterAll(() => t.close())

const run = async <T>(action: string, input: unknown, openid = ADMIN) => (await handle('stations', { action, input }, { openid }, t.deps)) as ApiReply<T>
const data = <T>(reply: ApiReply<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.data
}

/** Puts a file where prepareImport says, as wx.cloud.uploadFile would (no size limit on the way in); its file id. */
async function upload(bytes: Uint8Array): Promise<string> {
  const { cloudPath } = data(await run<{ cloudPath: string }>('prepareImport', {}))
  return t.deps.files.put(cloudPath, bytes, 'application/octet-stream')
}

describe('the hostile corpus', () => {
  const corpus = hostileFiles()

  it.each(corpus.map((f): [string, HostileFile] => [f.name, f]))('%s is refused with its message and deleted, while others are served', async (_name, file) => {
    const fileId = await upload(file.bytes)
    const [reply, other] = await Promise.all([
      run<ImportReport>('import', { format: file.format, fileId, dryRun: true }),
      run<{ items: unknown[] }>('nearby', { lng: 103.4365, lat: 24.4105 }),
    ])
    expect(reply).toEqual({ ok: false, error: { code: 'VALIDATION', message: file.message, field: 'fileId' } })
    expect(other.ok).toBe(true)
    expect(await t.deps.files.get(fileId, 10)).toBeNull()
  })

  it('after the whole corpus the process still imports a valid file', async () => {
    const fileId = await upload(await stationImportFile(3, 'xlsx'))
    expect(data(await run<ImportReport>('import', { format: 'xlsx', fileId, dryRun: true }))).toMatchObject({ rows: 3, created: 3, problems: [] })
  })
})

describe('the largest valid files still import', () => {
  it.each(['csv', 'xlsx'] as const)('1,000 rows of %s: a dry run reports every row, the real run writes them and deletes the file', async (format) => {
    const bytes = await stationImportFile(1000, format)
    const fileId = await upload(bytes)
    const dry = data(await run<ImportReport>('import', { format, fileId, dryRun: true }))
    expect(dry).toMatchObject({ dryRun: true, applied: false, rows: 1000, problems: [] })
    expect(dry.created + dry.unchanged).toBe(1000)
    // The dry run keeps the file for the confirming run.
    expect(await t.deps.files.get(fileId, bytes.length)).not.toBeNull()
    const real = data(await run<ImportReport>('import', { format, fileId, dryRun: false }))
    expect(real.rows).toBe(1000)
    expect(real.problems).toEqual([])
    expect(await t.deps.files.get(fileId, 10)).toBeNull()
    expect(await t.deps.store.repos.stations.byExternalId('IMP-999')).toMatchObject({ name: '测试驿站999号' })
  })
})

describe('the reading thread is bounded on its own', () => {
  /** Caps lifted so that only the thread's bounds stand between a large table and the process. */
  const lifted = { ...DEFAULT_SHEET_LIMITS, maxRows: 1_000_000, maxBytes: 64 * 1024 * 1024, maxLineChars: 10_000_000 }
  const bigCsv = () => Buffer.from(`a,b,c\n${Array.from({ length: 400_000 }, (_, i) => `${i},第${i}行的内容,${'x'.repeat(20)}`).join('\n')}`)

  it('a table that outgrows the heap limit terminates the thread, refused as too large for memory', async () => {
    const bounds = { deadlineMs: 60_000, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4, codeRangeSizeMb: 8, stackSizeMb: 4 } }
    const refused = await readSheetOffThread('csv', bigCsv(), lifted, bounds).then(() => null, (err: unknown) => err)
    expect(refused).toBeInstanceOf(ThreadBoundHit)
    expect(refused).toMatchObject({ bound: 'memory', message: '表格内容过多，读取时超出内存上限，请分成几个文件导入' })
  })

  it('a file still being read at the deadline terminates the thread', async () => {
    const bounds = { deadlineMs: 50, resourceLimits: { maxOldGenerationSizeMb: 512 } }
    const refused = await readSheetOffThread('csv', bigCsv(), lifted, bounds).then(() => null, (err: unknown) => err)
    expect(refused).toBeInstanceOf(ThreadBoundHit)
    expect(refused).toMatchObject({ bound: 'deadline', message: '读取表格超时（超过1秒），请检查文件或分成几个文件导入' })
  })

  it('with the default bounds the same process goes on reading', async () => {
    await expect(readSheetOffThread('csv', Buffer.from('a,b\n1,2\n'))).resolves.toEqual({ header: ['a', 'b'], rows: [{ line: 2, cells: ['1', '2'] }] })
  })
})
