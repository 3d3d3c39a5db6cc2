import * as v from 'valibot'
import { AppError, DEFAULT_MESSAGES, validate, type ApiReply } from '../../src/domain'
import { DocumentMetaSchema } from '../../src/domain/api/applicant'
import { reviewActions } from '../../src/domain/api/review'
import type { DocumentView } from '../../src/domain/documents'
import { resolveActor } from '../usecases/shared/actor'
import { addDocument } from '../usecases/applicant/documents'
import { addVisitPhoto } from '../usecases/review/visit'
import type { Deps } from '../ports'
import type { Identity } from '.'

/** A caseworker's home-visit photo: `purpose=visit&applicationId=&fileName=`. */
const VisitPhotoSchema = v.strictObject({
  purpose: v.literal('visit'),
  applicationId: reviewActions.prepareVisitUpload.entries.id,
  fileName: reviewActions.prepareVisitUpload.entries.fileName,
})

/**
 * The local server's upload (`POST /api/upload?...`, the file's bytes as the body), under the same
 * contract as a function call: identity from the session, the query checked by the shared schema,
 * a typed reply and never a throw. A worker's document (`applicationId=&kind=&fileName=`), or
 * with `purpose=visit` a caseworker's home-visit photo.
 */
export async function handleUpload(query: Record<string, string>, bytes: Uint8Array, identity: Identity, deps: Deps): Promise<ApiReply<DocumentView>> {
  if (!identity.openid) return { ok: false, error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED } }
  const visit = query.purpose === 'visit'
  const meta = visit ? validate(VisitPhotoSchema, query) : validate(DocumentMetaSchema, query)
  if (!meta.ok) {
    const [first] = meta.problems
    return { ok: false, error: first.field ? { code: 'VALIDATION', message: first.message, field: first.field } : { code: 'VALIDATION', message: first.message } }
  }
  try {
    const actor = await resolveActor(deps.store.repos, identity.openid)
    const value = meta.value
    const data = 'purpose' in value
      ? await addVisitPhoto(deps, actor, { id: value.applicationId, fileName: value.fileName, bytes })
      : await addDocument(deps, actor, { ...value, bytes })
    return { ok: true, data }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() }
    console.error(`[upload] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } }
  }
}
