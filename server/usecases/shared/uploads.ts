import { AppError, type Actor } from '../../../src/domain'
import type { Deps } from '../../ports'
import { expireHandover } from './export-receipts'
import { removeFiles } from './files'
import { RATE_RULES, waitText } from './rate-limit'

/** What a client uploads for: a worker's document, a caseworker's home-visit photo, or a household's evidence photo (its owner: the household). */
export type UploadPurpose = 'document' | 'visit' | 'evidence'

/**
 * An upload never registered is deleted after this long; every upload record is kept this long
 * (registered ones too), so a person's records are the count of the upload rate limit's window.
 */
export const UPLOAD_TTL_MS = 24 * 3600_000

/**
 * Clients write only under `uploads/` (the storage rules deploy sets), each in their own folder:
 * `uploads/<openid>/<applicationId>/`.
 */
export const uploadFolder = (actor: Actor, applicationId: string) => `uploads/${actor.openid}/${applicationId}`

const uploadText = (actor: Actor, applicationId: string, purpose: UploadPurpose, nonce: string) => `upload:${purpose}:${actor.openid}:${applicationId}:${nonce}`
/** The token in an upload path that ties it to this person, application, purpose and nonce. */
const uploadMac = (deps: Deps, actor: Actor, applicationId: string, purpose: UploadPurpose, nonce: string) => deps.cipher.keyedHash(uploadText(actor, applicationId, purpose, nonce)).slice(0, 24)
/** Whether `mac` is the token under any data key held: a path handed out just before a key rotation still registers. */
const isUploadMac = (deps: Deps, actor: Actor, applicationId: string, purpose: UploadPurpose, nonce: string, mac: string) =>
  deps.cipher.keyedHashes(uploadText(actor, applicationId, purpose, nonce)).some((h) => h.slice(0, 24) === mac)

/**
 * Records a file about to be uploaded (WeChat) or stored (local mode) and counts it against the
 * person's upload rate (`RATE_RULES.upload`). The records stay until the timer's sweep a day later,
 * registered or not, so the person's records of the window are the count: one query and no rate
 * document. The record is written before the count, so of callers racing past the limit none gets
 * through that would make it more than `limit` (at the limit's edge a burst may all be refused);
 * one over the limit takes its record back and is RATE_LIMITED.
 */
export async function recordUpload(deps: Deps, actor: Actor, applicationId: string, key: string): Promise<void> {
  const repos = deps.store.repos
  const now = deps.clock.now().getTime()
  const rule = RATE_RULES.upload
  await repos.uploads.add({ key, openid: actor.openid, applicationId, createdAt: new Date(now).toISOString() })
  const recent = await repos.uploads.recentBy(actor.openid, new Date(now - rule.windowMs + 1).toISOString(), rule.limit + 1)
  if (recent.length <= rule.limit) return
  await repos.uploads.remove(key)
  throw new AppError('RATE_LIMITED', `操作太频繁，请 ${waitText(Date.parse(recent[0].createdAt) + rule.windowMs - now)}后再试`)
}

/**
 * WeChat: where the client puts a file (wx.cloud.uploadFile) before registering it. The upload is
 * recorded (and counted), so the timer deletes its file when it is never registered.
 */
export async function handOutUpload(deps: Deps, actor: Actor, applicationId: string, purpose: UploadPurpose): Promise<{ cloudPath: string }> {
  const nonce = deps.ids.newId()
  const cloudPath = `${uploadFolder(actor, applicationId)}/${purpose}-${nonce}-${uploadMac(deps, actor, applicationId, purpose, nonce)}`
  await recordUpload(deps, actor, applicationId, await deps.files.keyFor(cloudPath))
  return { cloudPath }
}

/** Refuses a file id that is not one `handOutUpload` gave this person for this application and purpose. */
export function checkUploadKey(deps: Deps, actor: Actor, applicationId: string, purpose: UploadPurpose, fileId: string): void {
  const name = fileId.slice(fileId.lastIndexOf('/') + 1)
  const m = /^([a-z]+)-(.+)-([0-9a-f]{24})$/.exec(name)
  const ok = m && m[1] === purpose && deps.files.owns(fileId, uploadFolder(actor, applicationId)) && isUploadMac(deps, actor, applicationId, purpose, m[2], m[3])
  if (!ok) throw new AppError('VALIDATION', '文件不正确，请重新上传', 'fileId')
}

/**
 * The timer's sweep of upload records over `UPLOAD_TTL_MS` old: deletes the files never registered,
 * and exports whose link is over; a file its application lists (registered, its record not yet
 * forgotten) is kept. The applications are read 100 a query and the records forgotten in one
 * request per 100, so a registered upload costs the sweep no write of its own.
 */
export async function removeStaleUploads(deps: Deps, limit: number): Promise<number> {
  const repos = deps.store.repos
  const before = new Date(deps.clock.now().getTime() - UPLOAD_TTL_MS).toISOString()
  const uploads = await repos.uploads.olderThan(before, limit)
  if (uploads.length === 0) return 0
  const apps = await repos.applications.getMany([...new Set(uploads.map((u) => u.applicationId))])
  const listed = new Set(apps.flatMap((rec) => [...(rec.documents ?? []), ...(rec.visitPhotos ?? [])].map((d) => d.storageKey)))
  let removed = 0
  for (const upload of uploads) {
    if (listed.has(upload.key)) continue
    // A full export nobody said they received: its handover is audited as expired.
    await expireHandover(deps, upload.key)
    await removeFiles(deps, [upload.key])
    removed++
  }
  await repos.uploads.removeMany(uploads.map((u) => u.key))
  return removed
}
