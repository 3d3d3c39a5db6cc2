import { AppError, shanghaiDate, type Actor } from '../../../src/domain'
import type { CaseView } from '../../../src/domain/api/review'
import { EXTENSION_OF, MAX_DOCUMENT_BYTES, sniffDocumentType, type DocumentView } from '../../../src/domain/documents'
import type { SixItem } from '../../../src/domain/review'
import type { CallContext, Deps, DocumentRecord, Repositories } from '../../ports'
import { toDocumentView } from '../shared/application-view'
import { appendAudit } from '../shared/audit'
import { removeFiles } from '../shared/files'
import { checkUploadKey, handOutUpload, recordUpload } from '../shared/uploads'
import { photoProblem } from '../shared/photos'
import { caseOf } from './access'
import { decide, type DecisionInput } from './decide'
import { once } from '../shared/idempotency'

/** At most this many photos per home visit. */
export const MAX_VISIT_PHOTOS = 9

export interface VisitInput extends DecisionInput {
  date: string
  staffPresent: string[]
  place: string
  findings: Record<SixItem, string>
  photoIds: string[]
  authorizationCollected: true
  /** When the form was filled on the phone, for a visit kept offline and sent later. */
  capturedAt?: string
}

/**
 * 入户调查: the visit's date, the staff present (at least two, the schema says), the six-item
 * findings, the photos taken and that the signed authorization for the finance check was
 * collected. The date may not be in the future nor before the application was submitted.
 */
export function recordVisit(deps: Deps, actor: Actor, input: VisitInput, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'recordVisit', (rec, _repos, now) => {
    if (input.date > shanghaiDate(now)) throw new AppError('VALIDATION', '走访日期不能晚于今天', 'date')
    if (input.date < shanghaiDate(new Date(rec.createdAt))) throw new AppError('VALIDATION', '走访日期不能早于申请日期', 'date')
    const photos = new Set((rec.visitPhotos ?? []).map((p) => p.id))
    const unknown = input.photoIds.find((id) => !photos.has(id))
    if (unknown) throw new AppError('VALIDATION', '照片不存在，请重新上传', 'photoIds')
    if (input.capturedAt && input.capturedAt > now.toISOString()) throw new AppError('VALIDATION', '填写时间不能晚于现在', 'capturedAt')
    const { id: _id, expectedVersion: _v, capturedAt, ...visit } = input
    return {
      transition: 'recordVisit',
      entry: { kind: 'visit', ...visit, photoIds: [...new Set(input.photoIds)], ...(capturedAt ? { capturedAt } : {}) },
      detail: { staffPresent: input.staffPresent.length, photos: input.photoIds.length, ...(capturedAt ? { capturedAt } : {}) },
    }
  })
}

const folderOf = (applicationId: string) => `visits/${applicationId}`

/** The case for a visit photo: in the jurisdiction, at the home visit, with room for one more. */
async function visitCase(repos: Repositories, actor: Actor, id: string) {
  const { rec } = await caseOf(repos, actor, id)
  if (!actor.roles.includes('caseworker')) throw new AppError('FORBIDDEN', '只有负责入户调查的工作人员可以上传走访照片')
  if (rec.status !== 'visiting') throw new AppError('CONFLICT', '案件不在入户调查阶段，不能上传走访照片')
  if ((rec.visitPhotos?.length ?? 0) >= MAX_VISIT_PHOTOS) throw new AppError('VALIDATION', `每次走访最多上传${MAX_VISIT_PHOTOS}张照片`, 'file')
  return rec
}

/**
 * Records a stored photo on the case in one transaction; when that fails the file is removed. A
 * retried request (same request id, e.g. a visit kept offline and sent again after the reply was
 * lost) gets the first reply, and the file it sent again is removed: the photo is on the case once.
 */
async function attachPhoto(deps: Deps, actor: Actor, id: string, photo: DocumentRecord, requestId: string | null): Promise<DocumentView> {
  let fresh = false
  const scope = { actor: actor.openid, action: 'review.visitPhoto', target: id, requestId }
  try {
    const view = await deps.store.transaction((repos) => once(repos, scope, deps.clock.now(), async () => {
      fresh = true
      const rec = await visitCase(repos, actor, id)
      const same = rec.visitPhotos?.find((p) => p.storageKey === photo.storageKey)
      if (same) return toDocumentView(same)
      const at = deps.clock.now()
      const next = { ...rec, visitPhotos: [...(rec.visitPhotos ?? []), photo], version: rec.version + 1, updatedAt: at.toISOString() }
      if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '案件已被他人处理，请刷新后再上传')
      // The upload's record stays until the timer's sweep (it counts in the upload rate limit).
      await appendAudit(repos, deps.cipher, at, {
        actor: actor.openid,
        action: 'application.visitPhoto.add',
        subject: rec.id,
        detail: { documentId: photo.id, contentType: photo.contentType, size: photo.size },
      })
      return toDocumentView(photo)
    }))
    if (!fresh && !(await deps.store.repos.applications.get(id))?.visitPhotos?.some((p) => p.storageKey === photo.storageKey)) await removeFiles(deps, [photo.storageKey])
    return view
  } catch (err) {
    await removeFiles(deps, [photo.storageKey])
    throw err
  }
}

/** Local mode: the photo's bytes arrive with the request (`/api/upload?purpose=visit`). */
export async function addVisitPhoto(deps: Deps, actor: Actor, input: { id: string; fileName: string; bytes: Uint8Array }, requestId: string | null = null): Promise<DocumentView> {
  const { bytes } = input
  const rec = await visitCase(deps.store.repos, actor, input.id)
  const problem = photoProblem(bytes, '走访照片')
  if (problem) throw new AppError('VALIDATION', problem, 'file')
  const contentType = sniffDocumentType(bytes)!
  const photoId = deps.ids.newId()
  const path = `${folderOf(rec.id)}/${photoId}.${EXTENSION_OF[contentType]}`
  await recordUpload(deps, actor, rec.id, await deps.files.keyFor(path))
  const storageKey = await deps.files.put(path, bytes, contentType)
  const at = deps.clock.now().toISOString()
  return attachPhoto(deps, actor, rec.id, { id: photoId, kind: 'other', fileName: input.fileName, contentType, size: bytes.length, storageKey, uploadedAt: at }, requestId)
}

/** WeChat: where the client uploads a visit photo (wx.cloud.uploadFile) before registering it. */
export async function prepareVisitUpload(deps: Deps, actor: Actor, input: { id: string; fileName: string }): Promise<{ cloudPath: string }> {
  const rec = await visitCase(deps.store.repos, actor, input.id)
  return handOutUpload(deps, actor, rec.id, 'visit')
}

/** WeChat: attaches a photo uploaded to the path `prepareVisitUpload` gave, after checking its token and bytes. */
export async function registerVisitPhoto(deps: Deps, actor: Actor, input: { id: string; fileName: string; fileId: string }, ctx?: CallContext): Promise<DocumentView> {
  const rec = await visitCase(deps.store.repos, actor, input.id)
  checkUploadKey(deps, actor, rec.id, 'visit', input.fileId)
  const existing = rec.visitPhotos?.find((p) => p.storageKey === input.fileId)
  if (existing) return toDocumentView(existing)
  const bytes = await deps.files.get(input.fileId, MAX_DOCUMENT_BYTES)
  if (!bytes) throw new AppError('VALIDATION', '没有找到上传的文件，请重新上传', 'fileId')
  const problem = photoProblem(bytes, '走访照片')
  if (problem) {
    await removeFiles(deps, [input.fileId])
    throw new AppError('VALIDATION', problem, 'file')
  }
  const at = deps.clock.now().toISOString()
  return attachPhoto(deps, actor, rec.id, {
    id: deps.ids.newId(), kind: 'other', fileName: input.fileName, contentType: sniffDocumentType(bytes)!, size: bytes.length, storageKey: input.fileId, uploadedAt: at,
  }, ctx?.requestId ?? null)
}
