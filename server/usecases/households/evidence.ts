import { AppError, type Actor } from '../../../src/domain'
import type { EvidenceView } from '../../../src/domain/api/households'
import type { DocumentLink } from '../../../src/domain/api/review'
import { EXTENSION_OF, MAX_DOCUMENT_BYTES, sniffDocumentType } from '../../../src/domain/documents'
import { cleanFileName } from '../../../src/domain/file-name'
import type { CallContext, Deps, EvidenceRecord, HouseholdRecord, Repositories } from '../../ports'
import { appendAudit, auditRead } from '../shared/audit'
import { removeFiles } from '../shared/files'
import { once } from '../shared/idempotency'
import { photoProblem } from '../shared/photos'
import { RATE_RULES, takeRate } from '../shared/rate-limit'
import { checkUploadKey, handOutUpload } from '../shared/uploads'
import { DOCUMENT_LINK_SECONDS } from '../review/reveal'
import { householdOf, requireStaff } from './access'
import { CASE_ROLES, requireFiled } from './household-write'

/**
 * Evidence photos of a household: what a caseworker photographs for a 户户清 item answered 有变化,
 * and the proof of being out of hardship (脱困证明) a deregistration proposal carries. Uploaded like
 * visit photos (WeChat: a path handed out with the caller's token, the bytes read back and checked;
 * locally the bytes with the request), stored as private files, registered to the household and
 * referred to by id from the check item or the proposal; viewed through an audited link.
 */

/** At most this many photos back one item or one proposal (the schemas' `evidenceIds`). */
export const MAX_EVIDENCE_PHOTOS = 9

const WHAT = '佐证照片'

export const toEvidenceView = (e: EvidenceRecord): EvidenceView => ({ id: e.id, fileName: cleanFileName(e.fileName), contentType: e.contentType, size: e.size, uploadedAt: e.uploadedAt })

/** The household an evidence photo is for: of the caller's jurisdiction, still on file, the caller a caseworker or reviewer. */
async function evidenceHousehold(repos: Repositories, actor: Actor, householdId: string): Promise<HouseholdRecord> {
  requireStaff(actor, CASE_ROLES)
  const { rec } = await householdOf(repos, actor, householdId)
  requireFiled(rec, '上传佐证照片')
  return rec
}

/**
 * Registers a stored photo in one transaction; when that fails the file is removed. A retried
 * request (same request id, e.g. a check kept offline and sent again after the reply was lost) gets
 * the first reply, and a file sent again under a new key is removed: the photo is registered once.
 */
async function attachEvidence(deps: Deps, actor: Actor, rec: HouseholdRecord, evidence: EvidenceRecord, requestId: string | null): Promise<EvidenceView> {
  let fresh = false
  const scope = { actor: actor.openid, action: 'households.evidence', target: rec.id, requestId }
  try {
    const view = await deps.store.transaction((repos) =>
      once(repos, scope, deps.clock.now(), async () => {
        fresh = true
        if (!(await repos.evidence.add(evidence))) {
          const same = await repos.evidence.get(evidence.id)
          if (same) return toEvidenceView(same)
          throw new AppError('CONFLICT', '照片登记未完成，请重新上传')
        }
        await repos.uploads.remove(evidence.storageKey)
        await appendAudit(repos, deps.cipher, deps.clock.now(), {
          actor: actor.openid,
          action: 'household.evidence.add',
          subject: rec.id,
          detail: { evidenceId: evidence.id, contentType: evidence.contentType, size: evidence.size },
        })
        return toEvidenceView(evidence)
      }),
    )
    if (!fresh && !(await deps.store.repos.evidence.get(evidence.id))) await removeFiles(deps, [evidence.storageKey])
    return view
  } catch (err) {
    await removeFiles(deps, [evidence.storageKey])
    throw err
  }
}

/** Local mode: the photo's bytes arrive with the request (`/api/upload?purpose=evidence`). */
export async function addEvidence(deps: Deps, actor: Actor, input: { householdId: string; fileName: string; bytes: Uint8Array }, requestId: string | null = null): Promise<EvidenceView> {
  await takeRate(deps, actor.openid, RATE_RULES.upload)
  const rec = await evidenceHousehold(deps.store.repos, actor, input.householdId)
  const problem = photoProblem(input.bytes, WHAT)
  if (problem) throw new AppError('VALIDATION', problem, 'file')
  const contentType = sniffDocumentType(input.bytes) as EvidenceRecord['contentType']
  const id = deps.ids.newId()
  const storageKey = await deps.files.put(`evidence/${rec.id}/${id}.${EXTENSION_OF[contentType]}`, input.bytes, contentType)
  const uploadedAt = deps.clock.now().toISOString()
  return attachEvidence(deps, actor, rec, { id, householdId: rec.id, unitId: rec.unitId, fileName: input.fileName, contentType, size: input.bytes.length, storageKey, uploadedAt, uploadedBy: actor.openid }, requestId)
}

/** WeChat: where the client uploads an evidence photo (wx.cloud.uploadFile) before registering it. */
export async function prepareEvidenceUpload(deps: Deps, actor: Actor, input: { householdId: string; fileName: string }): Promise<{ cloudPath: string }> {
  await takeRate(deps, actor.openid, RATE_RULES.upload)
  const rec = await evidenceHousehold(deps.store.repos, actor, input.householdId)
  return handOutUpload(deps, actor, rec.id, 'evidence')
}

/** The nonce of a handed-out path (`evidence-<nonce>-<mac>`): the evidence's id, so the same upload registers once. */
const nonceOf = (fileId: string) => /evidence-(.+)-[0-9a-f]{24}$/.exec(fileId)?.[1] ?? ''

/** WeChat: registers a photo uploaded to the path `prepareEvidenceUpload` gave, after checking its token and bytes. */
export async function registerEvidence(deps: Deps, actor: Actor, input: { householdId: string; fileName: string; fileId: string }, ctx?: CallContext): Promise<EvidenceView> {
  const rec = await evidenceHousehold(deps.store.repos, actor, input.householdId)
  checkUploadKey(deps, actor, rec.id, 'evidence', input.fileId)
  const id = `ev-${nonceOf(input.fileId)}`
  const existing = await deps.store.repos.evidence.get(id)
  if (existing) return toEvidenceView(existing)
  const bytes = await deps.files.get(input.fileId, MAX_DOCUMENT_BYTES)
  if (!bytes) throw new AppError('VALIDATION', '没有找到上传的文件，请重新上传', 'fileId')
  const problem = photoProblem(bytes, WHAT)
  if (problem) {
    await removeFiles(deps, [input.fileId])
    throw new AppError('VALIDATION', problem, 'file')
  }
  const uploadedAt = deps.clock.now().toISOString()
  const contentType = sniffDocumentType(bytes) as EvidenceRecord['contentType']
  return attachEvidence(deps, actor, rec, { id, householdId: rec.id, unitId: rec.unitId, fileName: input.fileName, contentType, size: bytes.length, storageKey: input.fileId, uploadedAt, uploadedBy: actor.openid }, ctx?.requestId ?? null)
}

/**
 * Refuses evidence ids that are not photos registered to this household: read by id (at most nine,
 * the schemas say), so it runs inside the write's transaction after its jurisdiction check.
 */
export async function requireEvidence(repos: Repositories, householdId: string, ids: readonly string[], field = 'evidenceIds'): Promise<void> {
  for (const id of new Set(ids)) {
    const e = await repos.evidence.get(id)
    if (!e || e.householdId !== householdId) throw new AppError('VALIDATION', '照片不存在，请重新上传', field)
  }
}

/**
 * An evidence photo for staff of the household's jurisdiction: a link of its own that works for
 * `DOCUMENT_LINK_SECONDS`. Every view is audited before its link exists.
 */
export async function viewEvidence(deps: Deps, actor: Actor, input: { householdId: string; evidenceId: string }): Promise<DocumentLink> {
  requireStaff(actor)
  const { rec } = await householdOf(deps.store.repos, actor, input.householdId)
  const evidence = await deps.store.repos.evidence.get(input.evidenceId)
  if (!evidence || evidence.householdId !== rec.id) throw new AppError('NOT_FOUND', '没有找到这张照片', 'evidenceId')
  await auditRead(deps, { actor: actor.openid, action: 'household.evidence.view', subject: rec.id, detail: { evidenceId: evidence.id } })
  const url = await deps.files.temporaryUrl(evidence.storageKey, DOCUMENT_LINK_SECONDS)
  if (!url) throw new AppError('NOT_FOUND', '文件已不存在', 'evidenceId')
  const expiresAt = new Date(deps.clock.now().getTime() + DOCUMENT_LINK_SECONDS * 1000).toISOString()
  return { contentType: evidence.contentType, fileName: cleanFileName(evidence.fileName) || '照片', size: evidence.size, url, expiresAt }
}
