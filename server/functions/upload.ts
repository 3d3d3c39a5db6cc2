import * as v from 'valibot'
import { AppError, DEFAULT_MESSAGES, validate, type ApiReply } from '../../src/domain'
import { DocumentMetaSchema } from '../../src/domain/api/applicant'
import { reviewActions } from '../../src/domain/api/review'
import { householdsActions, type EvidenceView } from '../../src/domain/api/households'
import { addEvidence } from '../usecases/households/evidence'
import type { DocumentView } from '../../src/domain/documents'
import { resolveActor } from '../usecases/shared/actor'
import { addDocument } from '../usecases/applicant/documents'
import { orTypist } from './assisted'
import { addVisitPhoto } from '../usecases/review/visit'
import { stageImportFile } from '../usecases/stations/import-file'
import type { Deps } from '../ports'
import type { Identity } from '.'

/** A caseworker's home-visit photo: `purpose=visit&applicationId=&fileName=`. */
const VisitPhotoSchema = v.strictObject({
  purpose: v.literal('visit'),
  /** A photo kept offline and sent again carries the request id it was first sent with. */
  requestId: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/, '请求编号格式不正确'))),
  applicationId: reviewActions.prepareVisitUpload.input.entries.id,
  fileName: reviewActions.prepareVisitUpload.input.entries.fileName,
})

/** A household's evidence photo (a 有变化 item, a deregistration proposal): `purpose=evidence&householdId=&fileName=`. */
const EvidencePhotoSchema = v.strictObject({
  purpose: v.literal('evidence'),
  requestId: VisitPhotoSchema.entries.requestId,
  householdId: householdsActions.prepareEvidenceUpload.input.entries.householdId,
  fileName: householdsActions.prepareEvidenceUpload.input.entries.fileName,
})

/** An admin's station import file: `purpose=import`; the reply is its file id for `stations.import`. */
const ImportFileSchema = v.strictObject({ purpose: v.literal('import') })

/** What an upload answers: the document or photo as registered, or an import file's id. */
export type UploadReply = ApiReply<DocumentView> | ApiReply<EvidenceView> | ApiReply<{ fileId: string }>

/**
 * The local server's upload (`POST /api/upload?...`, the file's bytes as the body), under the same
 * contract as a function call: identity from the session, the query checked by the shared schema,
 * a typed reply and never a throw. A worker's document (`applicationId=&kind=&fileName=`), or
 * with `purpose=visit` a caseworker's home-visit photo, with `purpose=evidence` a household's
 * evidence photo (a 户户清 item answered 有变化, a deregistration proposal), or with `purpose=import` an admin's station
 * import file.
 */
export async function handleUpload(query: Record<string, string>, bytes: Uint8Array, identity: Identity, deps: Deps): Promise<UploadReply> {
  if (!identity.openid) return { ok: false, error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED } }
  const meta =
    query.purpose === 'import'
      ? validate(ImportFileSchema, query)
      : query.purpose === 'visit'
        ? validate(VisitPhotoSchema, query)
        : query.purpose === 'evidence'
          ? validate(EvidencePhotoSchema, query)
          : validate(DocumentMetaSchema, query)
  if (!meta.ok) {
    const [first] = meta.problems
    return { ok: false, error: first.field ? { code: 'VALIDATION', message: first.message, field: first.field } : { code: 'VALIDATION', message: first.message } }
  }
  try {
    const actor = await resolveActor(deps.store.repos, identity.openid)
    const value = meta.value
    if ('purpose' in value && value.purpose === 'import') return { ok: true, data: await stageImportFile(deps, actor, bytes) }
    if ('purpose' in value && value.purpose === 'evidence') return { ok: true, data: await addEvidence(deps, actor, { householdId: value.householdId, fileName: value.fileName, bytes }, value.requestId ?? null) }
    const data = 'purpose' in value
      ? await addVisitPhoto(deps, actor, { id: value.applicationId, fileName: value.fileName, bytes }, value.requestId ?? null)
      : await orTypist(addDocument)(deps, actor, { ...value, bytes }, { requestId: null })
    return { ok: true, data }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() }
    console.error(`[upload] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } }
  }
}
