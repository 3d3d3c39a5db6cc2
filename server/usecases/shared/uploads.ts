import { AppError, type Actor } from '../../../src/domain'
import type { Deps } from '../../ports'
import { expireHandover } from './export-receipts'
import { removeFiles } from './files'

/** What a client uploads for: a worker's document, a caseworker's home-visit photo, or a household's evidence photo (its owner: the household). */
export type UploadPurpose = 'document' | 'visit' | 'evidence'

/** An upload never registered is deleted after this long. */
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
 * WeChat: where the client puts a file (wx.cloud.uploadFile) before registering it. The upload is
 * recorded, so the timer deletes its file when it is never registered.
 */
export async function handOutUpload(deps: Deps, actor: Actor, applicationId: string, purpose: UploadPurpose): Promise<{ cloudPath: string }> {
  const nonce = deps.ids.newId()
  const cloudPath = `${uploadFolder(actor, applicationId)}/${purpose}-${nonce}-${uploadMac(deps, actor, applicationId, purpose, nonce)}`
  const key = await deps.files.keyFor(cloudPath)
  await deps.store.repos.uploads.add({ key, openid: actor.openid, applicationId, createdAt: deps.clock.now().toISOString() })
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
 * The timer's sweep: deletes the files of uploads handed out over `UPLOAD_TTL_MS` ago and never
 * registered, and exports whose link is over. A file its application lists (registered, its record
 * not yet forgotten) is kept.
 */
export async function removeStaleUploads(deps: Deps, limit: number): Promise<number> {
  const repos = deps.store.repos
  const before = new Date(deps.clock.now().getTime() - UPLOAD_TTL_MS).toISOString()
  let removed = 0
  for (const upload of await repos.uploads.olderThan(before, limit)) {
    const rec = await repos.applications.get(upload.applicationId)
    const listed = [...(rec?.documents ?? []), ...(rec?.visitPhotos ?? [])].some((d) => d.storageKey === upload.key)
    if (!listed) {
      // A full export nobody said they received: its handover is audited as expired.
      await expireHandover(deps, upload.key)
      await removeFiles(deps, [upload.key])
      removed++
    }
    await repos.uploads.remove(upload.key)
  }
  return removed
}
