import { AppError, type Actor } from '../../../src/domain'
import { documentProblem, EXTENSION_OF, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS, sniffDocumentType, type DocumentKind, type DocumentView } from '../../../src/domain/documents'
import type { ApplicationRecord, Deps, DocumentRecord, Repositories } from '../../ports'
import { auditedActor } from '../shared/actor'
import { appendAudit } from '../shared/audit'
import { toDocumentView } from '../shared/application-view'
import { getOwnApplication } from './read-my-applications'
import { isEditable } from './open-application'
import { removeFiles } from '../shared/files'
import { checkUploadKey, handOutUpload, recordUpload } from '../shared/uploads'

export interface DocumentMeta {
  applicationId: string
  kind: DocumentKind
  fileName: string
}

const folderOf = (applicationId: string) => `documents/${applicationId}`

/** The application, the caller's own and still being filled; NOT_FOUND or CONFLICT otherwise. */
async function editableOwn(repos: Repositories, actor: Actor, id: string): Promise<ApplicationRecord> {
  const rec = await getOwnApplication(repos, actor, id)
  if (!isEditable(rec)) throw new AppError('CONFLICT', '申请已提交，不能再修改材料')
  return rec
}

/**
 * Records a stored file on the application in one transaction; when that fails the file is
 * removed, so no record points to a missing file and no file is left without its record.
 */
async function attach(deps: Deps, actor: Actor, meta: DocumentMeta, doc: DocumentRecord): Promise<DocumentView> {
  try {
    return await deps.store.transaction(async (repos) => {
      const rec = await editableOwn(repos, actor, meta.applicationId)
      const docs = rec.documents ?? []
      const same = docs.find((d) => d.storageKey === doc.storageKey)
      if (same) return toDocumentView(same)
      if (docs.length >= MAX_DOCUMENTS) throw new AppError('VALIDATION', `每份申请最多上传${MAX_DOCUMENTS}个文件`, 'file')
      const at = deps.clock.now().toISOString()
      const next = { ...rec, documents: [...docs, doc], version: rec.version + 1, updatedAt: at }
      if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '申请正在保存，请重试')
      // The upload's record stays until the timer's sweep (it counts in the upload rate limit).
      await appendAudit(repos, deps.cipher, deps.clock.now(), {
        actor: auditedActor(actor),
        action: 'application.document.add',
        subject: rec.id,
        detail: { documentId: doc.id, kind: doc.kind, contentType: doc.contentType, size: doc.size },
      })
      return toDocumentView(doc)
    })
  } catch (err) {
    await removeFiles(deps, [doc.storageKey])
    throw err
  }
}

/** Local mode: the bytes arrive with the request; checked by their first bytes, stored, then recorded. */
export async function addDocument(deps: Deps, actor: Actor, input: DocumentMeta & { bytes: Uint8Array }): Promise<DocumentView> {
  const { bytes, ...meta } = input
  const rec = await editableOwn(deps.store.repos, actor, meta.applicationId)
  const contentType = sniffDocumentType(bytes)
  const id = deps.ids.newId()
  const path = `${folderOf(rec.id)}/${id}.${contentType ? EXTENSION_OF[contentType] : 'bin'}`
  // Counted as an upload whether or not it is then refused, as a WeChat upload is when its path is handed out.
  await recordUpload(deps, actor, rec.id, await deps.files.keyFor(path))
  const problem = documentProblem(bytes, rec.documents?.length ?? 0)
  if (problem || !contentType) throw new AppError('VALIDATION', problem ?? '只能上传 JPG、PNG 图片或 PDF 文件', 'file')
  const storageKey = await deps.files.put(path, bytes, contentType)
  const at = deps.clock.now().toISOString()
  return attach(deps, actor, meta, { id, kind: meta.kind, fileName: meta.fileName, contentType, size: bytes.length, storageKey, uploadedAt: at })
}

/** WeChat: where the client uploads a file (wx.cloud.uploadFile) before registering it. */
export async function prepareUpload(deps: Deps, actor: Actor, meta: DocumentMeta): Promise<{ cloudPath: string }> {
  const rec = await editableOwn(deps.store.repos, actor, meta.applicationId)
  // Each WeChat upload starts here, so this is where uploads are counted (handOutUpload), refused or not.
  const upload = await handOutUpload(deps, actor, rec.id, 'document')
  if ((rec.documents?.length ?? 0) >= MAX_DOCUMENTS) throw new AppError('VALIDATION', `每份申请最多上传${MAX_DOCUMENTS}个文件`, 'file')
  return upload
}

/**
 * WeChat: attaches a file the client uploaded to the path `prepareUpload` gave. The path must carry
 * this worker's token (nobody attaches someone else's file); the bytes are read back with the
 * server SDK and checked (storage rules cannot limit a size); a file that fails is deleted.
 */
export async function registerDocument(deps: Deps, actor: Actor, input: DocumentMeta & { fileId: string }): Promise<DocumentView> {
  const rec = await editableOwn(deps.store.repos, actor, input.applicationId)
  checkUploadKey(deps, actor, rec.id, 'document', input.fileId)
  const existing = rec.documents?.find((d) => d.storageKey === input.fileId)
  if (existing) return toDocumentView(existing)
  const bytes = await deps.files.get(input.fileId, MAX_DOCUMENT_BYTES)
  if (!bytes) throw new AppError('VALIDATION', '没有找到上传的文件，请重新上传', 'fileId')
  const problem = documentProblem(bytes, rec.documents?.length ?? 0)
  if (problem) {
    await removeFiles(deps, [input.fileId])
    throw new AppError('VALIDATION', problem, 'file')
  }
  const at = deps.clock.now().toISOString()
  return attach(deps, actor, input, {
    id: deps.ids.newId(), kind: input.kind, fileName: input.fileName, contentType: sniffDocumentType(bytes)!, size: bytes.length, storageKey: input.fileId, uploadedAt: at,
  })
}

/** Removes one of the documents of the caller's application still being filled. */
export async function removeDocument(deps: Deps, actor: Actor, input: { applicationId: string; documentId: string }): Promise<{ removed: boolean }> {
  const key = await deps.store.transaction(async (repos) => {
    const rec = await editableOwn(repos, actor, input.applicationId)
    const doc = rec.documents?.find((d) => d.id === input.documentId)
    if (!doc) throw new AppError('NOT_FOUND', '没有找到这份材料')
    const at = deps.clock.now().toISOString()
    const next = { ...rec, documents: rec.documents!.filter((d) => d.id !== doc.id), version: rec.version + 1, updatedAt: at }
    if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '申请正在保存，请重试')
    await appendAudit(repos, deps.cipher, deps.clock.now(), { actor: auditedActor(actor), action: 'application.document.remove', subject: rec.id, detail: { documentId: doc.id } })
    return doc.storageKey
  })
  await removeFiles(deps, [key])
  return { removed: true }
}
