import { getDraft, saveDraft } from '../usecases/applicant/drafts'
import { runSelfCheck } from '../usecases/applicant/self-check'
import { listUnitChoices } from '../usecases/applicant/unit-choices'
import { resubmitApplication, withdrawApplication } from '../usecases/applicant/withdraw-resubmit'
import { getMyApplication, listMyApplications } from '../usecases/read-my-applications'
import { submitApplication } from '../usecases/submit-application'
import { addDocumentsActions } from './applicant-documents'
import { defineFunction } from './define'

/** What a worker does with their own applications: self-check, the form and its draft, documents, their case. */
export const applicant = defineFunction('applicant', {
  selfCheck: runSelfCheck,
  units: listUnitChoices,
  getDraft: (deps, actor) => getDraft(deps, actor),
  saveDraft,
  submit: (deps, actor, input, ctx) => submitApplication(deps, actor, input, ctx.requestId),
  resubmit: (deps, actor, input, ctx) => resubmitApplication(deps, actor, input, ctx.requestId),
  withdraw: withdrawApplication,
  listMine: listMyApplications,
  getMine: getMyApplication,
  ...addDocumentsActions,
})
