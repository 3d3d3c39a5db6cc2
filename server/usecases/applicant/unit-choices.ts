import { AppError, type Actor } from '../../../src/domain'
import type { UnitChoice, UnitLevel } from '../../../src/domain/api/applicant'
import type { Deps, OrgUnitRecord, OrgUnitRepository } from '../../ports'

/**
 * Up to this many units on a level, whether each has children is asked unit by unit (small
 * queries in parallel); a longer level asks once for its parent's whole subtree instead.
 */
export const FEW_UNITS = 20

/** The units with whether each has children of its own. `parentId`: their common parent, when they have one. */
async function withChildFlags(units: OrgUnitRepository, list: OrgUnitRecord[], parentId: string | null): Promise<UnitChoice[]> {
  const toChoice = (u: OrgUnitRecord, hasChildren: boolean): UnitChoice => ({ id: u.id, name: u.name, hasChildren })
  if (list.length <= FEW_UNITS || !parentId) {
    return Promise.all(list.map(async (u) => toChoice(u, (await units.children(u.id)).length > 0)))
  }
  const parents = new Set((await units.subtree(parentId)).map((u) => u.parentId))
  return list.map((u) => toChoice(u, parents.has(u.id)))
}

/** The top of the tree and its first level, as the form has always offered them first. */
async function topLevel(units: OrgUnitRepository): Promise<UnitLevel> {
  const items: UnitChoice[] = []
  for (const root of await units.children(null)) {
    const below = await units.children(root.id)
    items.push({ id: root.id, name: root.name, hasChildren: below.length > 0 }, ...(await withChildFlags(units, below, root.id)))
  }
  return { items, trail: [] }
}

/** The children of `parent`, with the way down to it. */
async function levelBelow(units: OrgUnitRepository, parent: OrgUnitRecord): Promise<UnitLevel> {
  const trail = await Promise.all(parent.path.map(async (id) => (id === parent.id ? parent : await units.get(id))))
  const items = await withChildFlags(units, await units.children(parent.id), parent.id)
  return { items, trail: trail.map((u, i) => ({ id: parent.path[i], name: u?.name ?? '' })) }
}

/**
 * Unions to choose one's own from, a level at a time: the top level (no input), the children of
 * `parentId`, or the level holding `unitId` (the top level for a unit listed there). Any worker
 * may read the tree: unit names are public.
 */
export async function listUnitChoices(deps: Deps, _actor: Actor, input: { parentId?: string; unitId?: string }): Promise<UnitLevel> {
  const { units } = deps.store.repos
  const id = input.parentId ?? input.unitId
  if (!id) return topLevel(units)
  const field = input.parentId ? 'parentId' : 'unitId'
  const unit = await units.get(id)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到所选工会，请重新选择', field)
  if (input.parentId) return levelBelow(units, unit)
  const parent = unit.path.length > 2 && unit.parentId ? await units.get(unit.parentId) : null
  return parent ? levelBelow(units, parent) : topLevel(units)
}
