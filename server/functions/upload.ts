import { AppError, DEFAULT_MESSAGES, validate, type ApiReply } from '../../src/domain'
import { DocumentMetaSchema } from '../../src/domain/api/applicant'
import type { DocumentView } from '../../src/domain/documents'
import { resolveActor } from '../usecases/actor'
import { addDocument } from '../usecases/applicant/documents'
import type { Deps } from '../ports'
import type { Identity } from '.'

/**
 * The local server's document upload (`POST /api/upload?applicationId=&kind=&fileName=`, the file's
 * bytes as the body), under the same contract as a function call: identity from the session,
 * the query checked by the shared schema, a typed reply and never a throw.
 */
export async function handleUpload(query: Record<string, string>, bytes: Uint8Array, identity: Identity, deps: Deps): Promise<ApiReply<DocumentView>> {
  if (!identity.openid) return { ok: false, error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED } }
  const meta = validate(DocumentMetaSchema, query)
  if (!meta.ok) {
    const [first] = meta.problems
    return { ok: false, error: first.field ? { code: 'VALIDATION', message: first.message, field: first.field } : { code: 'VALIDATION', message: first.message } }
  }
  try {
    const actor = await resolveActor(deps.store.repos, identity.openid)
    return { ok: true, data: await addDocument(deps, actor, meta.value, bytes) }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() }
    console.error(`[upload] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } }
  }
}
