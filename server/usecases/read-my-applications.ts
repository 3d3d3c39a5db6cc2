import { AppError, type Actor, type ApplicationSummary, type ApplicationView } from '../../src/domain'
import type { Page } from '../../src/domain/api/applicant'
import type { Deps } from '../ports'
import { toApplicationSummary, toApplicationView } from './application-view'

/** The worker's own applications, newest first. */
export async function listMyApplications(
  deps: Deps,
  actor: Actor,
  input: { page: number; pageSize: number },
): Promise<Page<ApplicationSummary>> {
  const { items, total } = await deps.store.repos.applications.listByApplicant(actor.openid, {
    offset: (input.page - 1) * input.pageSize,
    limit: input.pageSize,
  })
  return { items: items.map(toApplicationSummary), total, page: input.page, pageSize: input.pageSize }
}

/** One of the worker's own applications; anyone else's is NOT_FOUND, never FORBIDDEN, so ids leak nothing. */
export async function getMyApplication(deps: Deps, actor: Actor, input: { id: string }): Promise<ApplicationView> {
  const rec = await deps.store.repos.applications.get(input.id)
  if (!rec || rec.applicantOpenid !== actor.openid) throw new AppError('NOT_FOUND', '没有找到这份申请')
  return toApplicationView(rec, deps.cipher)
}
