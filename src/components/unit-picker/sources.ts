import { api } from '@/api'
import type { ApiReply } from '@/domain/contract'
import type { UnitLevelAt, UnitLevelView } from '.'

const map = <A, B>(reply: ApiReply<A>, f: (a: A) => B): ApiReply<B> => (reply.ok ? { ok: true, data: f(reply.data) } : reply)

/** The unions a worker chooses from (`applicant.units`): the whole tree, from its top level. */
export async function workerUnits(at: UnitLevelAt): Promise<ApiReply<UnitLevelView>> {
  const reply = await api.applicant.units('below' in at ? { parentId: at.below } : 'around' in at ? { unitId: at.around } : {})
  return map(reply, ({ trail, items }) => ({ trail: trail.slice(0, -1), here: trail[trail.length - 1] ?? null, items }))
}

/** The admin's jurisdiction (`admin.units`): from the admin's own unit down. */
export async function adminUnits(at: UnitLevelAt): Promise<ApiReply<UnitLevelView>> {
  const unitId = 'below' in at ? at.below : 'around' in at ? at.around : undefined
  const reply = await api.admin.units(unitId ? { unitId } : {})
  // The listing does not say which children have units below: each may be entered.
  return map(reply, ({ unit, ancestors, children }) => ({ trail: ancestors, here: unit, items: children.map((c) => ({ ...c, hasChildren: true })) }))
}
