import { AppError, type Actor, type ApplicationSummary, type ApplicationView } from '../../../src/domain'
import type { Page } from '../../../src/domain/api/applicant'
import type { ApplicationRecord, Deps, Repositories } from '../../ports'
import { toApplicationSummary, toApplicationView } from '../shared/application-view'

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

/** One of the caller's own applications; anyone else's is NOT_FOUND, never FORBIDDEN, so ids leak nothing. */
export async function getOwnApplication(repos: Repositories, actor: Actor, id: string): Promise<ApplicationRecord> {
  const rec = await repos.applications.get(id)
  if (!rec || rec.applicantOpenid !== actor.openid) throw new AppError('NOT_FOUND', '没有找到这份申请')
  return rec
}

/** One of the worker's own applications, sensitive values masked. */
export async function getMyApplication(deps: Deps, actor: Actor, input: { id: string }): Promise<ApplicationView> {
  const rec = await getOwnApplication(deps.store.repos, actor, input.id)
  const unit = await deps.store.repos.units.get(rec.unitId)
  return toApplicationView(rec, deps.cipher, unit?.name ?? '')
}
