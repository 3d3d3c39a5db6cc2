import { AppError, type Actor } from '../../../src/domain'
import type { DocumentLink } from '../../../src/domain/api/review'
import { valueAtPath } from '../../../src/domain/form-fields'
import type { Deps } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { auditRead } from '../shared/audit'
import { caseOf } from './access'
import { cleanFileName } from '../../../src/domain/file-name'

/** How long a document's link works: long enough to open it, too short to pass around. */
export const DOCUMENT_LINK_SECONDS = 300

/** Revealable fields the record also keeps sealed on their own (an application without a form has them too). */
const SEALED_COLUMNS: Record<string, 'idNumberEnc' | 'phoneEnc' | undefined> = { 'applicant.idNumber': 'idNumberEnc', 'applicant.phone': 'phoneEnc' }

/**
 * One sensitive value in full (a field the registry marks revealable). The reveal is audited (who,
 * which case, which field) after the read, outside any transaction, before the value is returned.
 */
export async function reveal(deps: Deps, actor: Actor, input: { id: string; field: string }): Promise<{ field: string; value: string }> {
  const { rec } = await caseOf(deps.store.repos, actor, input.id)
  const column = SEALED_COLUMNS[input.field]
  const value = column ? (rec[column] ? deps.cipher.decrypt(rec[column]) : undefined) : valueAtPath(currentForm(rec, deps.cipher) ?? {}, input.field)
  if (typeof value !== 'string' || !value) throw new AppError('NOT_FOUND', '没有这项信息', 'field')
  await auditRead(deps, { actor: actor.openid, action: 'application.reveal', subject: rec.id, detail: { field: input.field } })
  return { field: input.field, value }
}

/**
 * A document or visit photo of a case, for the case page: a link of its own that works for
 * `DOCUMENT_LINK_SECONDS` (the bytes never pass through the function, so any allowed size opens).
 * Every view is audited before its link exists.
 */
export async function viewDocument(deps: Deps, actor: Actor, input: { id: string; documentId: string }): Promise<DocumentLink> {
  const { rec } = await caseOf(deps.store.repos, actor, input.id)
  const doc = [...(rec.documents ?? []), ...(rec.visitPhotos ?? [])].find((d) => d.id === input.documentId)
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这份材料', 'documentId')
  await auditRead(deps, { actor: actor.openid, action: 'application.document.view', subject: rec.id, detail: { documentId: doc.id } })
  const url = await deps.files.temporaryUrl(doc.storageKey, DOCUMENT_LINK_SECONDS)
  if (!url) throw new AppError('NOT_FOUND', '文件已不存在', 'documentId')
  const expiresAt = new Date(deps.clock.now().getTime() + DOCUMENT_LINK_SECONDS * 1000).toISOString()
  return { contentType: doc.contentType, fileName: cleanFileName(doc.fileName) || '材料', size: doc.size, url, expiresAt }
}
