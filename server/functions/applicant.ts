import { listMyApplications, getMyApplication } from '../usecases/read-my-applications'
import { submitApplication } from '../usecases/submit-application'
import { defineFunction } from './define'

/** What a worker does with their own applications. */
export const applicant = defineFunction('applicant', {
  submit: { roles: ['worker'], run: (deps, actor, input, ctx) => submitApplication(deps, actor, input, ctx.requestId) },
  listMine: { roles: ['worker'], run: listMyApplications },
  getMine: { roles: ['worker'], run: getMyApplication },
})
