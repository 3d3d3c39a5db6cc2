import { hasRole, maskName, type Actor } from '../../../src/domain'
import { VISIT_PACK_SIZE, type PackedCase, type VisitPack } from '../../../src/domain/api/review'
import type { Deps } from '../../ports'
import { requireReviewer } from './access'

/**
 * The cases of the caseworker's jurisdiction waiting for the home visit (入户调查), due first, as
 * few as fit a phone: kept there, a case never opened with signal can still be visited at a forest
 * farm without one. Masked values only. One read in queue order and one of the units' names,
 * whatever the jurisdiction holds. A reviewer, who makes no visits, keeps none.
 */
export async function visitPack(deps: Deps, actor: Actor): Promise<VisitPack> {
  requireReviewer(actor)
  const at = deps.clock.now().toISOString()
  if (!hasRole(actor, 'caseworker')) return { cases: [], at }
  const repos = deps.store.repos
  const recs = await repos.applications.queuePage({ under: actor.unitId, status: 'visiting', after: null, limit: VISIT_PACK_SIZE })
  const units = recs.length ? await repos.units.getMany([...new Set(recs.map((r) => r.unitId))]) : []
  const names = new Map(units.map((u) => [u.id, u.name]))
  const cases = recs.map(
    (rec): PackedCase => ({
      id: rec.id,
      number: rec.number,
      nameMasked: maskName(rec.name),
      unitName: names.get(rec.unitId) ?? '',
      status: rec.status,
      version: rec.version,
      reviewCount: rec.review?.length ?? 0,
      mainCause: rec.mainCause,
      enteredAt: rec.stageEnteredAt ?? rec.updatedAt,
      dueAt: rec.dueAt ?? null,
    }),
  )
  return { cases, at }
}
