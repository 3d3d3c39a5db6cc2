import type { Writable } from 'node:stream'
import { AppError, type Actor } from '../../../src/domain'
import type { ExportedFile } from '../../../src/domain/api/households'
import type { Deps } from '../../ports'
import { fullExportId, receiptOf } from '../shared/export-receipts'
import { UPLOAD_TTL_MS } from '../shared/uploads'

/** A full-PII export's link works this long (and once, where the store can tell). */
export const FULL_EXPORT_LINK_SECONDS = 300
/** A masked export's link: also short, long enough for a slow download to start. */
export const MASKED_EXPORT_LINK_SECONDS = 600

/** Where exports are written in the private file store; the local link route serves a full one once. */
export const EXPORT_FOLDER = 'exports'
export const FULL_EXPORT_PREFIX = `${EXPORT_FOLDER}/full-`

/** The `applicationId` an export's sweep record carries: no application lists it, so its file is always removed. */
export const EXPORT_SWEEP_MARK = 'export'

/** Why a full export is refused, or the trimmed reason it is made for. */
export function fullExportReason(mayReveal: boolean, reason: string | undefined): string {
  if (!mayReveal) throw new AppError('FORBIDDEN', '只有审核人可以导出完整身份证号和银行账号', 'full')
  const text = reason?.trim() ?? ''
  if (!text) throw new AppError('VALIDATION', '请填写导出完整信息的理由', 'reason')
  return text
}

/** Where an export is written: a folder of its own per export, the file under its own name (the name a download is saved under). */
export function exportPath(deps: Deps, masked: boolean, fileName: string): string {
  return `${masked ? `${EXPORT_FOLDER}/masked-` : FULL_EXPORT_PREFIX}${deps.ids.newId().replace(/[^\w-]/g, '')}/${fileName}`
}

/**
 * Streams an export into the private file store at `path`: `write` writes the whole file into the
 * stream it is given (and ends it). A failure on the way drops what was written.
 */
export async function writeExportFile(deps: Deps, path: string, contentType: string, write: (out: Writable) => Promise<void>): Promise<{ key: string; size: number }> {
  const sink = await deps.files.create(path, contentType)
  try {
    await write(sink.stream)
    return await sink.close()
  } catch (err) {
    await sink.abort()
    throw err
  }
}

/**
 * Hands over an export written to the private file store as a link that ends within minutes. The
 * file is recorded for the timer's sweep of unregistered uploads, dated so that its 24 hours end
 * when its link does: the sweep after that removes it. A full export also gets a receipt: the
 * phone sends it back once it has the file (`exportReceived`), which deletes the file at once.
 * CloudBase's temporary links (getTempFileURL) can only be limited in time, not to one download:
 * this is as close to one use as the platform allows.
 */
export async function handOverExport(
  deps: Deps,
  actor: Actor,
  file: { key: string; fileName: string; contentType: string; size: number; rows: number; masked: boolean },
): Promise<ExportedFile> {
  const seconds = file.masked ? MASKED_EXPORT_LINK_SECONDS : FULL_EXPORT_LINK_SECONDS
  const expires = deps.clock.now().getTime() + seconds * 1000
  await deps.store.repos.uploads.add({ key: file.key, openid: actor.openid, applicationId: EXPORT_SWEEP_MARK, createdAt: new Date(expires - UPLOAD_TTL_MS).toISOString() })
  const id = file.masked ? null : fullExportId(file.key)
  if (id) await deps.store.repos.claims.create(receiptOf(id), `${actor.openid} ${file.key}`)
  const url = await deps.files.temporaryUrl(file.key, seconds)
  if (!url) throw new AppError('INTERNAL', '导出文件暂时无法下载，请稍后重试')
  return { fileName: file.fileName, contentType: file.contentType, size: file.size, rows: file.rows, masked: file.masked, url, expiresAt: new Date(expires).toISOString(), ...(id ? { receipt: id } : {}) }
}
