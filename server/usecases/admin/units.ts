import { AppError, type Actor } from '../../../src/domain'
import type { MovedUnit, UnitListing, UnitView } from '../../../src/domain/api/admin'
import { ALL_ROWS } from '../../../src/domain/figures'
import type { Deps, OrgUnitRecord, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { adminUnit, requireAdmin } from '../shared/jurisdiction'

/** City, county, township/street, grassroots, and room to spare (as the union import allows). */
export const MAX_UNIT_DEPTH = 8
/**
 * The most units one move may carry: every one is re-read and rewritten in one transaction, and a
 * CloudBase transaction should stay small. A larger branch is moved a part at a time.
 */
export const MAX_MOVE_UNITS = 200

const STALE = '单位信息已被他人修改，请刷新后重试'

/** The stored version: records written before versions existed count as 0. */
export const versionOf = (u: { version?: number }) => u.version ?? 0

export const toUnitView = (u: OrgUnitRecord): UnitView => ({ id: u.id, name: u.name, parentId: u.parentId, path: u.path, version: versionOf(u) })

/** Sibling names are kept distinct, so a list of units reads unambiguously. A query, so outside transactions (best effort). */
async function assertNameFree(deps: Deps, parentId: string, name: string, selfId: string | null): Promise<void> {
  const siblings = await deps.store.repos.units.children(parentId)
  if (siblings.some((s) => s.name === name && s.id !== selfId)) throw new AppError('CONFLICT', '同一上级单位下已有同名单位', 'name')
}

/** A unit re-read inside the transaction, still at the version the plan was made from. */
async function fresh(repos: Repositories, planned: OrgUnitRecord): Promise<OrgUnitRecord> {
  const now = await repos.units.get(planned.id)
  if (!now || versionOf(now) !== versionOf(planned) || now.path.join('/') !== planned.path.join('/')) throw new AppError('CONFLICT', STALE)
  return now
}

/**
 * A parent re-read inside the transaction, wherever it is now, as long as it is still the admin's.
 * Its own version may have moved on (a sibling added): the write that follows conflicts with any
 * racing transaction that writes it, and SQLite runs one transaction at a time.
 */
async function stillInJurisdiction(repos: Repositories, actor: Actor & { unitId: string }, id: string, field = 'parentId'): Promise<OrgUnitRecord> {
  const now = await repos.units.get(id)
  if (!now || !now.path.includes(actor.unitId)) throw new AppError('NOT_FOUND', '没有找到这个单位', field)
  return now
}

/** Bumps a unit's version: its list of children changed. Writing it also makes a racing move of it conflict. */
async function touch(repos: Repositories, unit: OrgUnitRecord): Promise<void> {
  await repos.units.put({ ...unit, version: versionOf(unit) + 1 })
}

/** A unit of the admin's jurisdiction (default: their own) with its children and the way down to it. */
export async function listUnits(deps: Deps, actor: Actor, input: { unitId?: string }): Promise<UnitListing> {
  requireAdmin(actor)
  const repos = deps.store.repos
  const unit = await adminUnit(repos, actor, input.unitId ?? actor.unitId)
  const between = unit.path.slice(unit.path.indexOf(actor.unitId), -1)
  const ancestors = await Promise.all(between.map(async (id) => ({ id, name: (await repos.units.get(id))?.name ?? '' })))
  const children = await repos.units.children(unit.id)
  return { unit: toUnitView(unit), ancestors, children: children.map(toUnitView) }
}

/** An admin adds a unit under a unit of their jurisdiction. */
export async function createUnit(deps: Deps, actor: Actor, input: { parentId: string; name: string }): Promise<UnitView> {
  requireAdmin(actor)
  const parent = await adminUnit(deps.store.repos, actor, input.parentId, 'parentId')
  if (parent.path.length >= MAX_UNIT_DEPTH) throw new AppError('VALIDATION', `单位最多${MAX_UNIT_DEPTH}级，不能再往下添加`, 'parentId')
  await assertNameFree(deps, parent.id, input.name, null)
  const now = deps.clock.now()
  const id = `unit-${deps.ids.newId()}`
  return deps.store.transaction(async (repos) => {
    const p = await stillInJurisdiction(repos, actor, parent.id)
    const unit: OrgUnitRecord = { id, name: input.name, parentId: p.id, path: [...p.path, id], version: 1 }
    await touch(repos, p)
    await repos.units.put(unit)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'unit.create', subject: id, detail: { parentId: p.id } })
    return toUnitView(unit)
  })
}

/** An admin renames a unit of their jurisdiction, at the version they saw. */
export async function renameUnit(deps: Deps, actor: Actor, input: { unitId: string; version: number; name: string }): Promise<UnitView> {
  requireAdmin(actor)
  const unit = await adminUnit(deps.store.repos, actor, input.unitId)
  if (versionOf(unit) !== input.version) throw new AppError('CONFLICT', STALE)
  if (unit.parentId) await assertNameFree(deps, unit.parentId, input.name, unit.id)
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const u = await fresh(repos, unit)
    const next: OrgUnitRecord = { ...u, name: input.name, version: versionOf(u) + 1 }
    await repos.units.put(next)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'unit.rename', subject: u.id, detail: { version: next.version } })
    return toUnitView(next)
  })
}

/**
 * An admin moves a unit, with everything below it, under another unit of their jurisdiction.
 * Every path in the branch changes in one transaction. CloudBase allows only reads and writes by
 * _id inside one, so the branch is found by a query first and then re-read unit by unit inside:
 * any unit changed since (renamed, moved, or given a child, which bumps its version) makes the
 * move a CONFLICT, and a racing transaction that writes any of the same units conflicts too.
 * The branch's dashboard figures leave its old ancestors' month rows for the new ones' in the same
 * transaction (a racing fold that writes the same rows makes it conflict and run again).
 */
export async function moveUnit(deps: Deps, actor: Actor, input: { unitId: string; version: number; parentId: string }): Promise<MovedUnit> {
  requireAdmin(actor)
  const repos0 = deps.store.repos
  const unit = await adminUnit(repos0, actor, input.unitId)
  if (unit.id === actor.unitId) throw new AppError('FORBIDDEN', '不能移动您自己所在的单位')
  const parent = await adminUnit(repos0, actor, input.parentId, 'parentId')
  if (parent.path.includes(unit.id)) throw new AppError('VALIDATION', '不能移到它自己或它的下级单位之下', 'parentId')
  if (unit.parentId === parent.id) throw new AppError('VALIDATION', '已经在这个上级单位之下', 'parentId')
  if (versionOf(unit) !== input.version) throw new AppError('CONFLICT', STALE)
  await assertNameFree(deps, parent.id, unit.name, unit.id)

  const branch = await repos0.units.subtree(unit.id)
  if (branch.length > MAX_MOVE_UNITS) throw new AppError('VALIDATION', `一次最多移动${MAX_MOVE_UNITS}个单位，请先分批移动下级单位`, 'unitId')
  const deepest = Math.max(...branch.map((b) => b.path.length))
  if (parent.path.length + 1 + (deepest - unit.path.length) > MAX_UNIT_DEPTH) {
    throw new AppError('VALIDATION', `移动后会超过${MAX_UNIT_DEPTH}级单位`, 'parentId')
  }
  const oldParentId = unit.parentId
  const now = deps.clock.now()
  // The branch's rows of dashboard figures (months, and the pairs and arrivals rows, which sort after
  // every month), which leave its old ancestors' rows for the new ones'.
  const months = (await repos0.figures.rows(unit.id, ALL_ROWS)).map((r) => r.month)

  const repathed: OrgUnitRecord[] = []
  const result = await deps.store.transaction(async (repos) => {
    repathed.length = 0
    const current = await Promise.all(branch.map((b) => fresh(repos, b)))
    const p = await stillInJurisdiction(repos, actor, parent.id, 'parentId')
    if (p.path.includes(unit.id)) throw new AppError('CONFLICT', STALE)
    const old = oldParentId ? await repos.units.get(oldParentId) : null
    const cut = unit.path.length - 1
    let moved: OrgUnitRecord = unit
    const before = current.find((u) => u.id === unit.id)!.path
    for (const u of current) {
      const next: OrgUnitRecord = {
        ...u,
        parentId: u.id === unit.id ? p.id : u.parentId,
        path: [...p.path, ...u.path.slice(cut)],
        version: versionOf(u) + 1,
      }
      await repos.units.put(next)
      repathed.push(next)
      if (u.id === unit.id) moved = next
    }
    await touch(repos, p)
    if (old) await touch(repos, old)
    await repos.figures.moveBranch(unit.id, before.slice(0, -1), p.path, months)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'unit.move',
      subject: unit.id,
      detail: { from: oldParentId, to: p.id, units: current.length },
    })
    return { unit: toUnitView(moved), moved: current.length }
  })
  // The branch's cases and households are found under its new place (CloudBase keeps the path on them).
  await deps.store.repos.units.spreadPaths(repathed)
  // Overdue contacts and spells on file are kept under the units above each household: rebuilt under the new place.
  await deps.store.repos.contactClocks.rebuildUnder(input.unitId)
  return result
}
