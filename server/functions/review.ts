import { acceptScreening, reject, returnToWorker, startScreening } from '../usecases/review/screening'
import { approveAndFile } from '../usecases/review/filing'
import { getCase } from '../usecases/review/decide'
import { listNotices } from '../usecases/review/notices'
import { reviewQueue } from '../usecases/review/queue'
import { visitPack } from '../usecases/review/visit-pack'
import { recordFinanceCheck, recordObjection, startNotice } from '../usecases/review/decision-stages'
import { reveal, viewDocument } from '../usecases/review/reveal'
import { prepareVisitUpload, recordVisit, registerVisitPhoto } from '../usecases/review/visit'
import { issueTakeover, listAssistedDrafts, revokeTakeover, startAssisted } from '../usecases/review/assisted'
import { listCallTasks, logCall } from '../usecases/review/calls'
import { defineFunction } from './define'

/**
 * The union's side of a case: the queue, the case page and each stage's decision, for staff
 * within their jurisdiction (the use cases check it and each transition's role). The public
 * notice list is open to everyone.
 */
export const review = defineFunction('review', {
  queue: reviewQueue,
  getCase,
  visitPack,
  startScreening,
  acceptScreening,
  returnToWorker,
  reject,
  recordVisit,
  recordFinanceCheck,
  startNotice,
  recordObjection,
  approveAndFile,
  reveal,
  viewDocument,
  prepareVisitUpload,
  registerVisitPhoto,
  notices: listNotices,
  startAssisted,
  assistedDrafts: listAssistedDrafts,
  issueTakeover,
  revokeTakeover,
  callTasks: listCallTasks,
  logCall,
})
