import {
  idNumberFacts,
  maskIdNumber,
  maskPhone,
  type ApplicationDetails,
  type ApplicationSummary,
  type ApplicationView,
} from '../../../src/domain'
import type { DocumentView } from '../../../src/domain/documents'
import { shownPart } from '../../../src/domain/field-rows'
import { FORM_PARTS } from '../../../src/domain/form-fields'
import type { ApplicationRecord, Cipher, DocumentRecord } from '../../ports'
import { currentForm } from './sealed-form'
import { cleanFileName } from '../../../src/domain/file-name'
import type { TypedBy } from '../../../src/domain/assisted'

const masked = (cipher: Cipher, sealed: string, mask: (s: string) => string) => (sealed ? mask(cipher.decrypt(sealed)) : '')

export const toDocumentView = (d: DocumentRecord): DocumentView => ({
  id: d.id,
  kind: d.kind,
  // Cleaned again on the way out: names stored before uploads were cleaned may still hold control or bidi characters.
  fileName: cleanFileName(d.fileName),
  contentType: d.contentType,
  size: d.size,
  uploadedAt: d.uploadedAt,
})

/** The submitted form with the registry's revealable fields masked (ID numbers, phones, the bank account). */
export function toDetails(rec: ApplicationRecord, cipher: Cipher, unitName: string): ApplicationDetails | undefined {
  const form = currentForm(rec, cipher)
  if (!form) return undefined
  const { applicant, members, finances, causes, bank } = FORM_PARTS
  return {
    applicant: { ...shownPart(applicant.fields, form.applicant), ...idNumberFacts(form.applicant.idNumber), unitName },
    members: form.members.map((m) => shownPart(members.fields, m)),
    finances: shownPart(finances.fields, form.finances),
    causes: shownPart(causes.fields, form.causes),
    bank: shownPart(bank.fields, form.bank),
    description: form.description,
    ...(rec.consent ? { consent: rec.consent } : {}),
  }
}

/** The applicant's own view: sensitive values decrypted only to be masked. */
export function toApplicationView(rec: ApplicationRecord, cipher: Cipher, unitName = ''): ApplicationView {
  const details = toDetails(rec, cipher, unitName)
  return {
    id: rec.id,
    number: rec.number,
    status: rec.status,
    version: rec.version,
    name: rec.name,
    idNumberMasked: masked(cipher, rec.idNumberEnc, maskIdNumber),
    phoneMasked: masked(cipher, rec.phoneEnc, maskPhone),
    employer: rec.employer,
    mainCause: rec.mainCause,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    timeline: rec.timeline,
    ...(details ? { details } : {}),
    documents: (rec.documents ?? []).map(toDocumentView),
    ...(rec.assessment ? { assessment: rec.assessment } : {}),
    fieldsToFix: rec.fieldsToFix ?? [],
    submissionCount: rec.submissions?.length ?? (rec.status === 'draft' ? 0 : 1),
    ...(rec.typedBy ? { typedBy: publicTypedBy(rec.typedBy) } : {}),
  }
}

/** Who typed it, without the typist's openid. */
export const publicTypedBy = ({ openid: _openid, ...typedBy }: NonNullable<ApplicationRecord['typedBy']>): TypedBy => typedBy

export function toApplicationSummary(rec: ApplicationRecord): ApplicationSummary {
  return { id: rec.id, number: rec.number, status: rec.status, mainCause: rec.mainCause, createdAt: rec.createdAt, updatedAt: rec.updatedAt }
}
