import { acceptScreening, reject, returnToWorker, startScreening } from '../usecases/review/screening'
import { approveAndFile } from '../usecases/review/filing'
import { getCase } from '../usecases/review/decide'
import { listNotices } from '../usecases/review/notices'
import { reviewQueue } from '../usecases/review/queue'
import { recordFinanceCheck, recordObjection, startNotice } from '../usecases/review/decision-stages'
import { reveal, viewDocument } from '../usecases/review/reveal'
import { prepareVisitUpload, recordVisit, registerVisitPhoto } from '../usecases/review/visit'
import { defineFunction } from './define'

const STAFF = ['caseworker', 'reviewer'] as const

/**
 * The union's side of a case: the queue, the case page and each stage's decision, for staff
 * within their jurisdiction (the use cases check it and each transition's role). The public
 * notice list is open to everyone.
 */
export const review = defineFunction('review', {
  queue: { roles: STAFF, run: reviewQueue },
  getCase: { roles: STAFF, run: getCase },
  startScreening: { roles: ['caseworker'], run: startScreening },
  acceptScreening: { roles: ['caseworker'], run: acceptScreening },
  returnToWorker: { roles: ['caseworker'], run: returnToWorker },
  reject: { roles: STAFF, run: reject },
  recordVisit: { roles: ['caseworker'], run: recordVisit },
  recordFinanceCheck: { roles: ['reviewer'], run: recordFinanceCheck },
  startNotice: { roles: ['reviewer'], run: startNotice },
  recordObjection: { roles: ['reviewer'], run: recordObjection },
  approveAndFile: { roles: ['reviewer'], run: approveAndFile },
  reveal: { roles: STAFF, run: reveal },
  viewDocument: { roles: STAFF, run: viewDocument },
  prepareVisitUpload: { roles: ['caseworker'], run: prepareVisitUpload },
  registerVisitPhoto: { roles: ['caseworker'], run: registerVisitPhoto },
  notices: { roles: ['worker'], run: listNotices },
})
