import { maskIdNumber, maskPhone, type ApplicationSummary, type ApplicationView } from '../../src/domain'
import type { ApplicationRecord, Cipher } from '../ports'

/** The applicant's own view: sensitive values decrypted only to be masked. */
export function toApplicationView(rec: ApplicationRecord, cipher: Cipher): ApplicationView {
  return {
    id: rec.id,
    number: rec.number,
    status: rec.status,
    version: rec.version,
    name: rec.name,
    idNumberMasked: maskIdNumber(cipher.decrypt(rec.idNumberEnc)),
    phoneMasked: maskPhone(cipher.decrypt(rec.phoneEnc)),
    employer: rec.employer,
    mainCause: rec.mainCause,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    timeline: rec.timeline,
  }
}

export function toApplicationSummary(rec: ApplicationRecord): ApplicationSummary {
  return { id: rec.id, number: rec.number, status: rec.status, mainCause: rec.mainCause, createdAt: rec.createdAt, updatedAt: rec.updatedAt }
}
