import { getDraft, saveDraft } from '../usecases/applicant/drafts'
import { runSelfCheck } from '../usecases/applicant/self-check'
import { listUnitChoices } from '../usecases/applicant/unit-choices'
import { resubmitApplication, withdrawApplication } from '../usecases/applicant/withdraw-resubmit'
import { getMyApplication, listMyApplications } from '../usecases/applicant/read-my-applications'
import { submitApplication } from '../usecases/applicant/submit-application'
import { addDocumentsActions } from './applicant-documents'
import { defineFunction } from './define'

/** What a worker does with their own applications: self-check, the form and its draft, documents, their case. */
export const applicant = defineFunction('applicant', {
  selfCheck: runSelfCheck,
  units: listUnitChoices,
  getDraft,
  saveDraft,
  submit: submitApplication,
  resubmit: resubmitApplication,
  withdraw: withdrawApplication,
  listMine: listMyApplications,
  getMine: getMyApplication,
  ...addDocumentsActions,
})
