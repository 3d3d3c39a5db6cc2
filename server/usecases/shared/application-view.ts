import {
  idNumberFacts,
  maskIdNumber,
  maskPhone,
  type ApplicationDetails,
  type ApplicationSummary,
  type ApplicationView,
} from '../../../src/domain'
import type { DocumentView } from '../../../src/domain/documents'
import { maskBankAccount } from '../../../src/domain/mask'
import type { ApplicationRecord, Cipher, DocumentRecord } from '../../ports'
import { currentForm } from './sealed-form'

const masked = (cipher: Cipher, sealed: string, mask: (s: string) => string) => (sealed ? mask(cipher.decrypt(sealed)) : '')

export const toDocumentView = (d: DocumentRecord): DocumentView => ({
  id: d.id,
  kind: d.kind,
  fileName: d.fileName,
  contentType: d.contentType,
  size: d.size,
  uploadedAt: d.uploadedAt,
})

/** The submitted form with ID numbers, the phone and the bank account masked. */
export function toDetails(rec: ApplicationRecord, cipher: Cipher, unitName: string): ApplicationDetails | undefined {
  const form = currentForm(rec, cipher)
  if (!form) return undefined
  const { idNumber, phone, ...applicant } = form.applicant
  return {
    applicant: { ...applicant, idNumberMasked: maskIdNumber(idNumber), phoneMasked: maskPhone(phone), ...idNumberFacts(idNumber), unitName },
    members: form.members.map(({ idNumber: id, ...m }) => ({ ...m, idNumberMasked: maskIdNumber(id) })),
    finances: form.finances,
    causes: { mainCause: form.causes.mainCause, secondaryCauses: [...form.causes.secondaryCauses] },
    bank: { bankName: form.bank.bankName, accountName: form.bank.accountName, accountNumberMasked: maskBankAccount(form.bank.accountNumber) },
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
  }
}

export function toApplicationSummary(rec: ApplicationRecord): ApplicationSummary {
  return { id: rec.id, number: rec.number, status: rec.status, mainCause: rec.mainCause, createdAt: rec.createdAt, updatedAt: rec.updatedAt }
}
