import { AppError, type Actor } from '../../../src/domain'
import { MAX_IMPORT_BYTES, type ImportReport } from '../../../src/domain/api/stations'
import type { CallContext, Deps } from '../../ports'
import { removeFiles } from '../shared/files'
import { LIMIT_MESSAGES, sizeText } from '../shared/sheet-limits'
import { importStations, type ImportInput } from './import-stations'
import { requireAdmin } from './station-access'

/**
 * An import file travels through storage, never inside a call (WeChat advises keeping a
 * callFunction event under about 100 KB): the client uploads it to a path this module hands out
 * (WeChat) or to the local server's upload route, and the import action names it by its file id.
 * The path carries a token of the admin who may use it, so nobody imports, or deletes, a file that
 * is not theirs, and no other stored file (a worker's ID card) can be named instead.
 */

/**
 * Clients may write only under `uploads/<their openid>/` (the storage rules deploy sets), so an
 * admin's import files live in their own folder there. Each path handed out is recorded like any
 * upload, so the timer removes a file no import ever consumed (a dry run's, say) after a day.
 */
const importFolder = (actor: Actor) => `uploads/${actor.openid}/station-import`

/** Stands in for the application an upload record names: import files belong to none. */
const IMPORT_UPLOADS = 'station-import'

const importMac = (deps: Deps, actor: Actor, nonce: string) => deps.cipher.keyedHash(`import:${actor.openid}:${nonce}`).slice(0, 24)
/** Whether `mac` is the token under any data key held (a path handed out just before a key rotation). */
const isImportMac = (deps: Deps, actor: Actor, nonce: string, mac: string) => deps.cipher.keyedHashes(`import:${actor.openid}:${nonce}`).some((h) => h.slice(0, 24) === mac)

/** A fresh path of this admin's for one import file. */
async function newImportPath(deps: Deps, actor: Actor): Promise<string> {
  const nonce = deps.ids.newId()
  const path = `${importFolder(actor)}/${nonce}-${importMac(deps, actor, nonce)}`
  const key = await deps.files.keyFor(path)
  await deps.store.repos.uploads.add({ key, openid: actor.openid, applicationId: IMPORT_UPLOADS, createdAt: deps.clock.now().toISOString() })
  return path
}

/** Whether `fileId` is a path `newImportPath` gave this admin. */
function isOwnImportFile(deps: Deps, actor: Actor, fileId: string): boolean {
  const name = fileId.slice(fileId.lastIndexOf('/') + 1)
  const nonce = name.slice(0, Math.max(0, name.lastIndexOf('-')))
  return deps.files.owns(fileId, importFolder(actor)) && nonce !== '' && isImportMac(deps, actor, nonce, name.slice(name.lastIndexOf('-') + 1))
}

/** WeChat: where the admin's client uploads the file (wx.cloud.uploadFile) before importing it. */
export async function prepareImport(deps: Deps, actor: Actor): Promise<{ cloudPath: string }> {
  requireAdmin(actor)
  return { cloudPath: await newImportPath(deps, actor) }
}

/** What an import file's first bytes say it is; the name the admin gave it does not decide. */
function typeProblem(bytes: Uint8Array, format: 'csv' | 'xlsx'): string | null {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  if (format === 'xlsx') return zip ? null : LIMIT_MESSAGES.invalidXlsx()
  if (zip) return '文件内容是 Excel（xlsx）表格，但文件名是 .csv：请把文件名改为 .xlsx 后重试'
  return bytes.subarray(0, 4096).includes(0) ? '不是有效的 CSV 文件：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试' : null
}

/** The refusal of an import file over MAX_IMPORT_BYTES. */
export const IMPORT_TOO_LARGE = `文件太大：一次最多导入${sizeText(MAX_IMPORT_BYTES)}，请分成几个文件`

/** Local mode: stores the bytes the admin's browser sent as a new import file; its file id. */
export async function stageImportFile(deps: Deps, actor: Actor, bytes: Uint8Array): Promise<{ fileId: string }> {
  requireAdmin(actor)
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的', 'file')
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('VALIDATION', IMPORT_TOO_LARGE, 'file')
  return { fileId: await deps.files.put(await newImportPath(deps, actor), bytes, 'application/octet-stream') }
}

/**
 * The bytes of an import file of this admin's, read with the server's own access (at most one byte
 * over the limit), its size and type checked. A file refused here is deleted: it can never import.
 */
export async function readImportFile(deps: Deps, actor: Actor, fileId: string, format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  if (!isOwnImportFile(deps, actor, fileId)) throw new AppError('VALIDATION', '文件不正确，请重新选择文件', 'fileId')
  const bytes = await deps.files.get(fileId, MAX_IMPORT_BYTES)
  if (!bytes) throw new AppError('VALIDATION', '没有找到上传的文件，请重新选择文件', 'fileId')
  const problem = bytes.length === 0 ? '文件是空的' : bytes.length > MAX_IMPORT_BYTES ? IMPORT_TOO_LARGE : typeProblem(bytes, format)
  if (problem) {
    await discardImportFile(deps, fileId)
    throw new AppError('VALIDATION', problem, 'fileId')
  }
  return bytes
}

/** Removes an import file once it has served (a failure is logged and left to the timer's cleanup). */
export const discardImportFile = (deps: Deps, fileId: string) => removeFiles(deps, [fileId])

/**
 * The `import` action: the admin's file read from storage, imported (a dry run by default), and
 * deleted once it can serve no more: after a real run, or when it is refused. A dry run keeps it
 * for the confirming run; a call that failed for another reason (a conflict) keeps it for a retry.
 */
export async function importStationsFile(deps: Deps, actor: Actor, input: Omit<ImportInput, 'bytes'> & { fileId: string }, ctx: CallContext): Promise<ImportReport> {
  requireAdmin(actor)
  const { fileId, ...rest } = input
  const bytes = await readImportFile(deps, actor, fileId, input.format)
  let report: ImportReport
  try {
    report = await importStations(deps, actor, { ...rest, bytes }, ctx)
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') await discardImportFile(deps, fileId)
    throw err
  }
  if (!input.dryRun) await discardImportFile(deps, fileId)
  return report
}
