import type { ActionInput } from '@/domain/api'
import type { FormStep } from '@/domain/api/applicant'
import type { ConsentInput } from '@/domain/consent'
import type { FormValues } from '@/domain/form-values'
import { call } from './client'

/** 困难自测: the likely category against the thresholds of the worker's union. */
export function selfCheck(input: ActionInput<'applicant', 'selfCheck'>) {
  return call('applicant', 'selfCheck', input)
}

/** Where a level of the union tree is asked for: the top (`{}`), below a unit, or the level holding a chosen unit. */
export type UnitLevelAt = Record<string, never> | { parentId: string } | { unitId: string }

/** Unions to choose one's own from, a level at a time, each saying whether it has units below. */
export function listUnits(at: UnitLevelAt = {}) {
  return call('applicant', 'units', at)
}

/** The caller's form in progress (a draft, or a returned application to fix), or null. */
export function getDraft() {
  return call('applicant', 'getDraft', {})
}

/** Saves the form in progress on the server (the phone keeps its own copy at once). */
export function saveDraft(values: FormValues, step: FormStep, consent?: ConsentInput) {
  return call('applicant', 'saveDraft', consent ? { values, step, consent } : { values, step })
}

/** The form as the contract types its input: values the shared schema has just accepted on the phone (the server checks them again). */
type FormInput = ActionInput<'applicant', 'submit'>['form']

/** Submits the form; `requestId` keeps a retried tap from creating a second application. */
export function submit(form: FormValues, consent: ConsentInput, requestId: string) {
  return call('applicant', 'submit', { form: form as FormInput, consent }, { requestId })
}

/** Resubmits a returned application with the fields fixed. */
export function resubmit(id: string, expectedVersion: number, form: FormValues, consent: ConsentInput, requestId: string) {
  return call('applicant', 'resubmit', { id, expectedVersion, form: form as FormInput, consent }, { requestId })
}

/** Withdraws (or, for a draft, deletes) the caller's own application. */
export function withdraw(id: string, expectedVersion: number) {
  return call('applicant', 'withdraw', { id, expectedVersion })
}

/** One page of the caller's own applications, newest first. */
export function listMine(page = 1, pageSize = 20) {
  return call('applicant', 'listMine', { page, pageSize })
}

/** One of the caller's own applications, sensitive values masked. */
export function getMine(id: string) {
  return call('applicant', 'getMine', { id })
}

/** Removes a document from the form in progress. */
export function removeDocument(applicationId: string, documentId: string) {
  return call('applicant', 'removeDocument', { applicationId, documentId })
}
