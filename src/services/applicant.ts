import type { ApplicationFormInput } from '@/domain/application-form'
import { call } from './client'

/** Submits a new application; `requestId` keeps a retried tap from creating a second one. */
export function submit(form: ApplicationFormInput, requestId: string) {
  return call('applicant', 'submit', form, { requestId })
}

/** One page of the caller's own applications, newest first. */
export function listMine(page = 1, pageSize = 20) {
  return call('applicant', 'listMine', { page, pageSize })
}

/** One of the caller's own applications, sensitive values masked. */
export function getMine(id: string) {
  return call('applicant', 'getMine', { id })
}
