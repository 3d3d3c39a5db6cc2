/** The records of issue 5's first part on both stores: unit subtrees, staff by unit, invitations, rate limits, outbox by status. */
import type { InvitationRecord, OrgUnitRecord, StaffRecord, Store } from '../../server/ports'
import { contractStores } from './stores'
import { outboxEntry } from '../support/fixtures'

const { factories } = contractStores()

const unit = (id: string, path: string[], over: Partial<OrgUnitRecord> = {}): OrgUnitRecord => ({
  id,
  name: `单位${id}`,
  parentId: path.length > 1 ? path[path.length - 2] : null,
  path,
  ...over,
})

const staff = (openid: string, unitId: string, over: Partial<StaffRecord> = {}): StaffRecord => ({
  openid,
  displayName: `员工${openid}`,
  unitId,
  roles: ['caseworker'],
  active: true,
  ...over,
})

const invitation = (id: string, over: Partial<InvitationRecord> = {}): InvitationRecord => ({
  id,
  unitId: 'u-a',
  roles: ['caseworker', 'reviewer'],
  displayName: '李娟',
  createdBy: 'o-admin',
  createdAt: '2026-03-02T02:00:00.000Z',
  expiresAt: '2026-03-09T02:00:00.000Z',
  status: 'open',
  usedBy: null,
  usedAt: null,
  ...over,
})

const entry = outboxEntry

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort()

describe.each(factories)('admin stores: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  test('a subtree is the unit and everything below it, whatever the depth; versions are kept', async () => {
    const tree = [
      unit('root', ['root']),
      unit('a', ['root', 'a'], { version: 3 }),
      unit('a1', ['root', 'a', 'a1']),
      unit('a1x', ['root', 'a', 'a1', 'a1x']),
      unit('a2', ['root', 'a', 'a2']),
      unit('ab', ['root', 'ab']),
      unit('b', ['root', 'b']),
    ]
    await store.transaction(async (r) => {
      for (const u of tree) await r.units.put(u)
    })
    expect(ids(await store.repos.units.subtree('a'))).toEqual(['a', 'a1', 'a1x', 'a2'])
    expect(ids(await store.repos.units.subtree('a1'))).toEqual(['a1', 'a1x'])
    expect(ids(await store.repos.units.subtree('root'))).toHaveLength(7)
    expect(await store.repos.units.subtree('none')).toEqual([])
    expect(await store.repos.units.get('a')).toEqual(tree[1])
    expect(await store.repos.units.get('b')).toEqual(tree[6])

    // A move rewrites paths: the subtree follows the stored paths.
    await store.transaction(async (r) => {
      await r.units.put({ ...tree[2], parentId: 'b', path: ['root', 'b', 'a1'] })
      await r.units.put({ ...tree[3], path: ['root', 'b', 'a1', 'a1x'] })
    })
    expect(ids(await store.repos.units.subtree('a'))).toEqual(['a', 'a2'])
    expect(ids(await store.repos.units.subtree('b'))).toEqual(['a1', 'a1x', 'b'])
  })

  /** u-top → u-a, u-b; u-c a tree of its own. */
  const listUnits = async () => {
    for (const u of [unit('u-top', ['u-top']), unit('u-a', ['u-top', 'u-a']), unit('u-b', ['u-top', 'u-b']), unit('u-c', ['u-c'])]) await store.repos.units.put(u)
  }

  test('staff of a set of units, and under a unit by cursor, by openid, with versions and binding times kept', async () => {
    await listUnits()
    const people = [
      staff('o-3', 'u-a', { version: 2, boundAt: '2026-03-02T02:00:00.000Z' }),
      staff('o-1', 'u-a'),
      staff('o-2', 'u-b', { active: false }),
      staff('o-4', 'u-c'),
    ]
    for (const p of people) await store.repos.staff.put(p)
    const page = await store.repos.staff.listByUnits(['u-a', 'u-b'], { offset: 0, limit: 2 })
    expect(page.total).toBe(3)
    expect(page.items.map((s) => s.openid)).toEqual(['o-1', 'o-2'])
    expect((await store.repos.staff.listByUnits(['u-a', 'u-b'], { offset: 2, limit: 2 })).items).toEqual([people[0]])
    expect(await store.repos.staff.listByUnits([], { offset: 0, limit: 5 })).toEqual({ items: [], total: 0 })
    expect(await store.repos.staff.getByOpenid('o-3')).toEqual(people[0])
    expect((await store.repos.staff.listUnder('u-top', null, 2)).map((s) => s.openid)).toEqual(['o-1', 'o-2'])
    expect(await store.repos.staff.listUnder('u-top', 'o-2', 2)).toEqual([people[0]])
    expect(await store.repos.staff.countUnder('u-top')).toBe(3)
    expect(await store.repos.staff.countUnder('u-b')).toBe(1)

    // Moving a person to another unit moves them between lists.
    await store.transaction((r) => r.staff.put({ ...people[1], unitId: 'u-c' }))
    expect((await store.repos.staff.listByUnits(['u-c'], { offset: 0, limit: 10 })).items.map((s) => s.openid)).toEqual(['o-1', 'o-4'])
    expect((await store.repos.staff.listUnder('u-c', null, 10)).map((s) => s.openid)).toEqual(['o-1', 'o-4'])
    expect((await store.repos.staff.listUnder('u-top', null, 10)).map((s) => s.openid)).toEqual(['o-2', 'o-3'])
    expect(await store.repos.staff.countUnder('u-top')).toBe(2)
  })

  test('invitations: added once per id, read back, updated only from the expected status', async () => {
    await store.repos.invitations.insert(invitation('h1'))
    // Not `rejects.toThrow()`: better-sqlite3's error class may come from another jest module registry.
    expect(await store.repos.invitations.insert(invitation('h1')).then(() => 'written', () => 'refused')).toBe('refused')
    expect(await store.repos.invitations.get('h1')).toEqual(invitation('h1'))
    expect(await store.repos.invitations.get('none')).toBeNull()

    const used = invitation('h1', { status: 'used', usedBy: 'o-2', usedAt: '2026-03-03T02:00:00.000Z' })
    expect(await store.repos.invitations.update(used, 'open')).toBe(true)
    expect(await store.repos.invitations.update(invitation('h1', { status: 'revoked' }), 'open')).toBe(false)
    expect(await store.repos.invitations.get('h1')).toEqual(used)

    await store.transaction((r) => r.invitations.insert(invitation('h2')))
    expect(await store.transaction((r) => r.invitations.update(invitation('h2', { status: 'revoked' }), 'used'))).toBe(false)
    expect(await store.transaction((r) => r.invitations.update(invitation('h2', { status: 'revoked' }), 'open'))).toBe(true)
    expect((await store.repos.invitations.get('h2'))?.status).toBe('revoked')
  })

  test('of two transactions claiming one invitation at once, exactly one commits its claim', async () => {
    await store.repos.invitations.insert(invitation('h1'))
    const claim = (who: string) =>
      store.transaction(async (r) => {
        const rec = await r.invitations.get('h1')
        if (!rec || rec.status !== 'open') return false
        return r.invitations.update({ ...rec, status: 'used', usedBy: who, usedAt: '2026-03-03T02:00:00.000Z' }, 'open')
      })
    const results = await Promise.allSettled([claim('o-1'), claim('o-2')])
    const won = results.filter((x) => x.status === 'fulfilled' && x.value === true)
    expect(won).toHaveLength(1)
    const stored = await store.repos.invitations.get('h1')
    expect(stored?.status).toBe('used')
    expect(['o-1', 'o-2']).toContain(stored?.usedBy)
  })

  test('staff invitations under a unit, newest first, by cursor; take-over codes left out', async () => {
    await listUnits()
    await store.repos.invitations.insert(invitation('h1', { createdAt: '2026-03-02T01:00:00.000Z' }))
    await store.repos.invitations.insert(invitation('h2', { createdAt: '2026-03-02T03:00:00.000Z', unitId: 'u-b' }))
    await store.repos.invitations.insert(invitation('h3', { createdAt: '2026-03-02T02:00:00.000Z' }))
    await store.repos.invitations.insert(invitation('h4', { unitId: 'u-c' }))
    await store.repos.invitations.insert(invitation('h5', { createdAt: '2026-03-02T02:00:00.000Z', kind: 'takeover', applicationId: 'app-1' }))
    await store.repos.invitations.insert(invitation('h6', { createdAt: '2026-03-02T02:00:00.000Z' }))
    const page = await store.repos.invitations.listUnder('u-top', null, 2)
    expect(page.map((i) => i.id)).toEqual(['h2', 'h6'])
    expect((await store.repos.invitations.listUnder('u-top', { createdAt: page[1].createdAt, id: page[1].id }, 5)).map((i) => i.id)).toEqual(['h3', 'h1'])
    expect(await store.repos.invitations.countUnder('u-top')).toBe(4)
    expect(await store.repos.invitations.countUnder('u-c')).toBe(1)
    // A revoked code stays in the list (its status shows).
    await store.repos.invitations.update(invitation('h3', { createdAt: '2026-03-02T02:00:00.000Z', status: 'revoked' }), 'open')
    expect((await store.repos.invitations.listUnder('u-a', null, 5)).map((i) => [i.id, i.status])).toEqual([['h6', 'open'], ['h3', 'revoked'], ['h1', 'open']])
  })

  test('rate-limit records are read and replaced by key, inside transactions too, and roll back with them', async () => {
    expect(await store.repos.rateLimits.get('k')).toBeNull()
    await store.repos.rateLimits.put({ key: 'k', count: 1, windowStart: '2026-03-02T02:00:00.000Z' })
    await store.transaction(async (r) => {
      const rec = await r.rateLimits.get('k')
      await r.rateLimits.put({ ...rec!, count: rec!.count + 1 })
    })
    expect(await store.repos.rateLimits.get('k')).toEqual({ key: 'k', count: 2, windowStart: '2026-03-02T02:00:00.000Z' })
    await expect(
      store.transaction(async (r) => {
        await r.rateLimits.put({ key: 'k', count: 9, windowStart: '2026-03-02T02:00:00.000Z' })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await store.repos.rateLimits.get('k'))?.count).toBe(2)
  })

  test('outbox entries by status, latest attempt first; the lease id is kept', async () => {
    await store.repos.outbox.enqueue(entry('f1', { status: 'failed', nextAttemptAt: '2026-03-02T01:00:00.000Z' }))
    await store.repos.outbox.enqueue(entry('f2', { status: 'failed', nextAttemptAt: '2026-03-02T03:00:00.000Z' }))
    await store.repos.outbox.enqueue(entry('p1'))
    const failed = await store.repos.outbox.listByStatus('failed', { offset: 0, limit: 1 })
    expect(failed).toEqual({ items: [entry('f2', { status: 'failed', nextAttemptAt: '2026-03-02T03:00:00.000Z' })], total: 2 })
    expect((await store.repos.outbox.listByStatus('failed', { offset: 1, limit: 5 })).items.map((e) => e.key)).toEqual(['f1'])
    expect((await store.repos.outbox.listByStatus('sent', { offset: 0, limit: 5 })).total).toBe(0)

    const leased = entry('p1', { attempts: 1, leaseId: 'run-1', nextAttemptAt: '2026-03-02T02:05:00.000Z' })
    expect(await store.repos.outbox.update(leased, 0)).toBe(true)
    expect(await store.repos.outbox.get('p1')).toEqual(leased)
    // Another run's identical claim but for its lease id does not also succeed.
    expect(await store.repos.outbox.update({ ...leased, leaseId: 'run-2' }, 0)).toBe(false)
    const done = { ...leased, status: 'sent' as const, leaseId: null, sentAt: '2026-03-02T02:00:01.000Z' }
    expect(await store.repos.outbox.update(done, 1)).toBe(true)
    expect(await store.repos.outbox.get('p1')).toEqual(done)
  })
})
