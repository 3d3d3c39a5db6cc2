import { findAuditBreak } from '../shared/audit-check'
import { inJurisdiction } from '../shared/jurisdiction'
import { resolveActor } from '../shared/actor'
import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import { moveUnit } from './units'

let t: TreeFixture
beforeEach(async () => (t = await unionTree()))
afterEach(() => t.close())

const unit = (id: string) => t.deps.store.repos.units.get(id)
const admin = (action: string, input: Record<string, unknown> = {}, who = 'o-town-admin') => t.call(who, 'admin', action, input)

describe('inJurisdiction', () => {
  test('a unit is in a staff member\'s jurisdiction when its path holds their unit', async () => {
    const repos = t.deps.store.repos
    const town = await resolveActor(repos, 'o-town-admin')
    expect(await inJurisdiction(repos, town, 'unit-a')).toBe(true)
    expect(await inJurisdiction(repos, town, 'unit-a2x')).toBe(true)
    expect(await inJurisdiction(repos, town, 'unit-root')).toBe(false)
    expect(await inJurisdiction(repos, town, 'unit-b1')).toBe(false)
    expect(await inJurisdiction(repos, town, 'unit-none')).toBe(false)
    const city = await resolveActor(repos, 'o-city-admin')
    expect(await inJurisdiction(repos, city, 'unit-b1')).toBe(true)
    const caseworker = await resolveActor(repos, 'o-caseworker')
    expect(await inJurisdiction(repos, caseworker, 'unit-a1')).toBe(true)
    expect(await inJurisdiction(repos, await resolveActor(repos, 'o-worker'), 'unit-a')).toBe(false)
    // A staff record without any staff role gives no jurisdiction.
    await repos.staff.put({ openid: 'o-none', displayName: 'x', unitId: 'unit-a', roles: [], active: true })
    expect(await inJurisdiction(repos, await resolveActor(repos, 'o-none'), 'unit-a')).toBe(false)
  })

  test('works inside a transaction (reads by id only)', async () => {
    const town = await resolveActor(t.deps.store.repos, 'o-town-admin')
    expect(await t.deps.store.transaction((r) => inJurisdiction(r, town, 'unit-a1'))).toBe(true)
  })
})

describe('who may edit the tree', () => {
  test('non-admins are FORBIDDEN for every admin action; a unit outside the jurisdiction is NOT_FOUND', async () => {
    for (const who of ['o-caseworker', 'o-worker']) {
      expect(await admin('units', {}, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await admin('createUnit', { parentId: 'unit-a', name: '新工会' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await admin('renameUnit', { unitId: 'unit-a1', version: 0, name: '改名' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await admin('moveUnit', { unitId: 'unit-a1', version: 0, parentId: 'unit-a2' }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await admin('units', { unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('units', { unitId: 'unit-root' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('createUnit', { parentId: 'unit-b', name: '新工会' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'parentId' } })
    expect(await admin('renameUnit', { unitId: 'unit-b1', version: 0, name: '改名' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('moveUnit', { unitId: 'unit-a1', version: 0, parentId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'parentId' } })
    expect(await admin('moveUnit', { unitId: 'unit-b1', version: 0, parentId: 'unit-a' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // A deactivated admin is a worker again.
    await t.deps.store.repos.staff.put({ openid: 'o-town-admin', displayName: '王芳', unitId: 'unit-a', roles: ['admin'], active: false })
    expect(await admin('units')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('listing, creating and renaming units', () => {
  test('an admin sees their own unit by default, with its children and the way down to a deeper unit', async () => {
    const own = await admin('units')
    expect(own).toMatchObject({ ok: true, data: { unit: { id: 'unit-a', version: 0 }, ancestors: [] } })
    expect(own.ok && own.data).toMatchObject({ children: [{ id: 'unit-a1' }, { id: 'unit-a2' }] })
    const deep = await admin('units', { unitId: 'unit-a2x' })
    expect(deep).toMatchObject({ ok: true, data: { unit: { id: 'unit-a2x' }, ancestors: [{ id: 'unit-a', name: '弥阳街道总工会' }, { id: 'unit-a2', name: '髯翁社区工会' }], children: [] } })
  })

  test('create puts the unit under its parent with the parent\'s path, bumps the parent, audits', async () => {
    const created = await admin('createUnit', { parentId: 'unit-a2', name: ' 髯翁社区第二小组 ' })
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const id = (created.data as { id: string }).id
    expect(await unit(id)).toEqual({ id, name: '髯翁社区第二小组', parentId: 'unit-a2', path: ['unit-root', 'unit-a', 'unit-a2', id], version: 1 })
    expect((await unit('unit-a2'))?.version).toBe(1)
    expect(await admin('createUnit', { parentId: 'unit-a2', name: '髯翁社区第二小组' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } })
    const [event] = (await t.deps.store.repos.audit.list(null, 10)).filter((e) => e.action === 'unit.create')
    expect(event).toMatchObject({ actor: 'o-town-admin', subject: id, detail: { parentId: 'unit-a2' } })
  })

  test('rename at the version seen; a stale version is a CONFLICT', async () => {
    expect(await admin('renameUnit', { unitId: 'unit-a1', version: 0, name: '弥勒市农机厂工会' })).toMatchObject({ ok: true, data: { name: '弥勒市农机厂工会', version: 1 } })
    expect(await admin('renameUnit', { unitId: 'unit-a1', version: 0, name: '又一个名字' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await admin('renameUnit', { unitId: 'unit-a1', version: 1, name: '髯翁社区工会' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } })
    expect(await admin('renameUnit', { unitId: 'unit-a1', version: 1, name: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
  })

  test('units cannot go deeper than 8 levels', async () => {
    let parentId = 'unit-a2x'
    for (let depth = 5; depth <= 8; depth++) {
      const r = await admin('createUnit', { parentId, name: `第${depth}级` })
      expect(r.ok).toBe(true)
      parentId = r.ok ? (r.data as { id: string }).id : ''
    }
    expect(await admin('createUnit', { parentId, name: '第9级' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'parentId' } })
  })
})

describe('moving a branch', () => {
  test('the unit and everything below it get consistent paths in one go; both parents are bumped; audited', async () => {
    const r = await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' })
    expect(r).toMatchObject({ ok: true, data: { unit: { id: 'unit-a2', parentId: 'unit-a1', path: ['unit-root', 'unit-a', 'unit-a1', 'unit-a2'], version: 1 }, moved: 2 } })
    expect((await unit('unit-a2x'))?.path).toEqual(['unit-root', 'unit-a', 'unit-a1', 'unit-a2', 'unit-a2x'])
    expect((await unit('unit-a2x'))?.parentId).toBe('unit-a2')
    expect((await unit('unit-a1'))?.version).toBe(1)
    expect((await unit('unit-a'))?.version).toBe(1)
    expect((await t.deps.store.repos.units.subtree('unit-a1')).map((u) => u.id).sort()).toEqual(['unit-a1', 'unit-a2', 'unit-a2x'])
    expect(await t.deps.store.repos.units.children('unit-a')).toEqual([expect.objectContaining({ id: 'unit-a1' })])
    const events = (await t.deps.store.repos.audit.list(null, 10)).filter((e) => e.action === 'unit.move')
    expect(events).toEqual([expect.objectContaining({ subject: 'unit-a2', detail: { from: 'unit-a', to: 'unit-a1', units: 2 } })])
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  test('a city admin moves a branch across townships; jurisdictions follow the paths at once', async () => {
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-b' }, 'o-city-admin')).toMatchObject({ ok: true, data: { moved: 2 } })
    const repos = t.deps.store.repos
    expect(await inJurisdiction(repos, await resolveActor(repos, 'o-b-admin'), 'unit-a2x')).toBe(true)
    expect(await inJurisdiction(repos, await resolveActor(repos, 'o-town-admin'), 'unit-a2x')).toBe(false)
  })

  test('refused: under itself or its own branch, the admin\'s own unit, the same parent, a stale version', async () => {
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a2x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'parentId' } })
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a2' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'parentId' } })
    expect(await admin('moveUnit', { unitId: 'unit-a', version: 0, parentId: 'unit-a1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'parentId' } })
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 7, parentId: 'unit-a1' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  test('a unit of the branch that changed between the plan and the transaction makes the move a CONFLICT, and nothing moves', async () => {
    const actor = await resolveActor(t.deps.store.repos, 'o-town-admin')
    // The branch is read by a query before the transaction; a child added meanwhile bumps its parent.
    const realSubtree = t.deps.store.repos.units.subtree
    t.deps.store.repos.units.subtree = async (id) => {
      const planned = await realSubtree(id)
      await admin('createUnit', { parentId: 'unit-a2x', name: '计划之后加的小组' })
      return planned
    }
    await expect(moveUnit(t.deps, actor, { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' })).rejects.toMatchObject({ code: 'CONFLICT' })
    t.deps.store.repos.units.subtree = realSubtree
    expect((await unit('unit-a2'))?.path).toEqual(['unit-root', 'unit-a', 'unit-a2'])
    const added = (await t.deps.store.repos.units.children('unit-a2x'))[0]
    expect(added.path).toEqual(['unit-root', 'unit-a', 'unit-a2', 'unit-a2x', added.id])
    // Tried again from fresh data, the move takes the new unit along.
    expect(await admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' })).toMatchObject({ ok: true, data: { moved: 3 } })
    expect((await unit(added.id))?.path).toEqual(['unit-root', 'unit-a', 'unit-a1', 'unit-a2', 'unit-a2x', added.id])
  })

  test('many parallel moves and creates leave every path consistent with its parent', async () => {
    const ops = [
      admin('moveUnit', { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' }),
      admin('moveUnit', { unitId: 'unit-a1', version: 0, parentId: 'unit-a2x' }),
      admin('createUnit', { parentId: 'unit-a2x', name: '并发新建' }),
      admin('moveUnit', { unitId: 'unit-a2x', version: 0, parentId: 'unit-a1' }),
    ]
    await Promise.all(ops)
    const all = await t.deps.store.repos.units.subtree('unit-root')
    const byId = new Map(all.map((u) => [u.id, u]))
    for (const u of all) {
      if (!u.parentId) continue
      expect(u.path).toEqual([...byId.get(u.parentId)!.path, u.id])
    }
  })
})
