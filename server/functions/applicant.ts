import { getDraft, saveDraft } from '../usecases/applicant/drafts'
import { runSelfCheck } from '../usecases/applicant/self-check'
import { listUnitChoices } from '../usecases/applicant/unit-choices'
import { resubmitApplication, withdrawApplication } from '../usecases/applicant/withdraw-resubmit'
import { getMyApplication, listMyApplications } from '../usecases/applicant/read-my-applications'
import { submitApplication } from '../usecases/applicant/submit-application'
import { takeOver } from '../usecases/applicant/take-over'
import { addDocumentsActions } from './applicant-documents'
import { assistedUnitCheck, orTypist } from './assisted'
import { defineFunction } from './define'

/**
 * What a worker does with their own applications: self-check, the form and its draft, documents,
 * their case, taking over one typed for them. A caseworker types an assisted application through
 * the form's actions with `assisted` set (functions/assisted.ts).
 */
export const applicant = defineFunction('applicant', {
  selfCheck: runSelfCheck,
  units: listUnitChoices,
  getDraft: orTypist(getDraft),
  saveDraft: orTypist(saveDraft),
  submit: orTypist(submitApplication, assistedUnitCheck),
  resubmit: resubmitApplication,
  withdraw: withdrawApplication,
  listMine: listMyApplications,
  getMine: getMyApplication,
  ...addDocumentsActions,
  takeOver,
})
