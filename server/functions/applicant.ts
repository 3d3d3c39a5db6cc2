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
  selfCheck: { roles: ['worker'], run: runSelfCheck },
  units: { roles: ['worker'], run: listUnitChoices },
  getDraft: { roles: ['worker'], run: getDraft },
  saveDraft: { roles: ['worker'], run: saveDraft },
  submit: { roles: ['worker'], run: submitApplication },
  resubmit: { roles: ['worker'], run: resubmitApplication },
  withdraw: { roles: ['worker'], run: withdrawApplication },
  listMine: { roles: ['worker'], run: listMyApplications },
  getMine: { roles: ['worker'], run: getMyApplication },
  ...addDocumentsActions,
})
