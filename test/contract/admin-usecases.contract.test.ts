/**
 * The admin use cases whose transactions matter on both stores: a branch move (planned by a query,
 * written by _id inside the transaction, as CloudBase requires) racing other tree changes, and
 * redemptions of one code racing each other. On CloudBase they run through the real SDK into the
 * stand-in, whose transactions are snapshot-isolated with first-writer-wins conflicts.
 */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Actor } from '../../src/domain'
import type { Deps, FileStore, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { resolveActor } from '../../server/usecases/shared/actor'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { createInvitation, redeemInvitation } from '../../server/usecases/admin/invitations'
import { createUnit, moveUnit } from '../../server/usecases/admin/units'
import { TestClock } from '../support/deps'
import { STAFF, UNITS } from '../support/union-tree'
import { contractStores } from './stores'

const { factories } = contractStores()

const noFiles = {} as FileStore

describe.each(factories)('admin use cases: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let deps: Deps
  let townAdmin: Actor
  beforeEach(async () => {
    ;({ store, close } = open())
    deps = { store, clock: new TestClock(), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: noFiles }
    await store.transaction(async (r) => {
      for (const u of UNITS) await r.units.put(u)
      for (const s of STAFF) await r.staff.put(s)
    })
    townAdmin = await resolveActor(store.repos, 'o-town-admin')
  })
  afterEach(() => close())

  const consistent = async () => {
    const all = await store.repos.units.subtree('unit-root')
    const byId = new Map(all.map((u) => [u.id, u]))
    for (const u of all) if (u.parentId) expect(u.path).toEqual([...byId.get(u.parentId)!.path, u.id])
    return all
  }

  test('a move rewrites the whole branch in one transaction', async () => {
    await expect(moveUnit(deps, townAdmin, { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' })).resolves.toMatchObject({ moved: 2 })
    expect((await store.repos.units.get('unit-a2x'))?.path).toEqual(['unit-root', 'unit-a', 'unit-a1', 'unit-a2', 'unit-a2x'])
    await consistent()
    expect(await findAuditBreak(store.repos, deps.cipher)).toBeNull()
  })

  test('a move racing a child added inside its branch: each either applies fully or is a CONFLICT; paths stay consistent', async () => {
    const results = await Promise.allSettled([
      moveUnit(deps, townAdmin, { unitId: 'unit-a2', version: 0, parentId: 'unit-a1' }),
      createUnit(deps, townAdmin, { parentId: 'unit-a2x', name: '并发新建小组' }),
      createUnit(deps, townAdmin, { parentId: 'unit-a1', name: '并发新建工会' }),
    ])
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' })
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true)
    const all = await consistent()
    const created = results.filter((r) => r.status === 'fulfilled').length - (results[0].status === 'fulfilled' ? 1 : 0)
    expect(all).toHaveLength(UNITS.length + created)
    expect(await findAuditBreak(store.repos, deps.cipher)).toBeNull()
  })

  test('two moves that would make a cycle: at most one applies', async () => {
    const cityAdmin = await resolveActor(store.repos, 'o-city-admin')
    const results = await Promise.allSettled([
      moveUnit(deps, cityAdmin, { unitId: 'unit-a', version: 0, parentId: 'unit-b1' }),
      moveUnit(deps, cityAdmin, { unitId: 'unit-b', version: 0, parentId: 'unit-a2x' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1)
    const all = await consistent()
    for (const u of all) expect(new Set(u.path).size).toBe(u.path.length)
    expect(all.find((u) => u.id === 'unit-root')?.path).toEqual(['unit-root'])
  })

  test('redemptions of one code racing: exactly one binds, the others are told it is used', async () => {
    const inv = await createInvitation(deps, townAdmin, { unitId: 'unit-a1', roles: ['caseworker'], displayName: '刘洋' })
    const people = ['o-p1', 'o-p2', 'o-p3']
    const results = await Promise.allSettled(people.map(async (openid) => redeemInvitation(deps, await resolveActor(store.repos, openid), { code: inv.code })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' })
    const bound = (await Promise.all(people.map((o) => store.repos.staff.getByOpenid(o)))).filter(Boolean)
    expect(bound).toHaveLength(1)
    expect(await store.repos.invitations.get(inv.invitationId)).toMatchObject({ status: 'used', usedBy: bound[0]!.openid })
    expect(await findAuditBreak(store.repos, deps.cipher)).toBeNull()
  })
})
