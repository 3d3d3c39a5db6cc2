import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import type { CreatedInvitation } from '../../../src/domain/api/admin'
import { resolveActor } from '../shared/actor'
import { findAuditBreak } from '../shared/audit-check'
import { INVITATION_TTL_MS, REDEEM_WINDOW_MS } from './invitations'

let t: TreeFixture
beforeEach(async () => (t = await unionTree()))
afterEach(() => t.close())

const admin = (action: string, input: Record<string, unknown> = {}, who = 'o-town-admin') => t.call(who, 'admin', action, input)
const redeem = (who: string, code: string) => t.call(who, 'account', 'redeemInvitation', { code })

async function invite(input: Record<string, unknown> = {}, who = 'o-town-admin'): Promise<CreatedInvitation> {
  const r = await admin('createInvitation', { unitId: 'unit-a1', roles: ['caseworker'], displayName: '刘洋', ...input }, who)
  if (!r.ok) throw new Error(r.error.message)
  return r.data as CreatedInvitation
}

describe('creating invitations', () => {
  test('an admin gets a one-time code for a unit of their jurisdiction; only its keyed hash is stored; audited', async () => {
    const inv = await invite({ roles: ['caseworker', 'reviewer'] })
    expect(inv.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(inv).toMatchObject({ unitId: 'unit-a1', unitName: '农机厂工会', roles: ['caseworker', 'reviewer'], displayName: '刘洋', expiresAt: '2026-03-09T02:00:00.000Z' })
    const stored = await t.deps.store.repos.invitations.get(inv.invitationId)
    expect(stored).toMatchObject({ status: 'open', createdBy: 'o-town-admin' })
    expect(inv.invitationId).toBe(t.deps.cipher.keyedHash(`invitation:${inv.code.replace(/-/g, '')}`))
    const everything = JSON.stringify([stored, await t.deps.store.repos.audit.list(null, 100)])
    expect(everything).not.toContain(inv.code.replace(/-/g, ''))
    expect(everything).not.toContain(inv.code)
    expect((await t.deps.store.repos.audit.list(null, 10)).map((e) => e.action)).toEqual(['invitation.create'])
    // Two codes never match.
    expect((await invite()).code).not.toBe(inv.code)
  })

  test('non-admins are FORBIDDEN; a unit outside the jurisdiction is NOT_FOUND; roles are checked', async () => {
    const input = { unitId: 'unit-a1', roles: ['caseworker'], displayName: '刘洋' }
    expect(await admin('createInvitation', input, 'o-caseworker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await admin('createInvitation', input, 'o-worker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await admin('createInvitation', { ...input, unitId: 'unit-b1' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('createInvitation', { ...input, unitId: 'unit-root' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('createInvitation', { ...input, roles: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'roles' } })
    expect(await admin('createInvitation', { ...input, roles: ['worker'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await admin('createInvitation', { ...input, roles: ['admin', 'admin'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  test('listing shows the jurisdiction\'s invitations with expired ones marked; revoking stops a code', async () => {
    const first = await invite()
    t.clock.advance(60_000)
    const second = await invite({ unitId: 'unit-a2' })
    await invite({ unitId: 'unit-b1' }, 'o-b-admin')
    const list = await admin('listInvitations')
    expect(list).toMatchObject({ ok: true, data: { total: 2, items: [{ invitationId: second.invitationId, unitName: '髯翁社区工会', status: 'open' }, { invitationId: first.invitationId }] } })
    expect(JSON.stringify(list)).not.toContain(first.code)
    expect(await admin('listInvitations', { unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    expect(await admin('revokeInvitation', { invitationId: second.invitationId })).toMatchObject({ ok: true, data: { status: 'revoked' } })
    expect(await admin('revokeInvitation', { invitationId: second.invitationId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await admin('revokeInvitation', { invitationId: first.invitationId }, 'o-b-admin')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await redeem('o-new', second.code)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } })

    t.clock.advance(INVITATION_TTL_MS)
    const later = await admin('listInvitations')
    expect(later.ok && (later.data as { items: { status: string }[] }).items.map((i) => i.status)).toEqual(['revoked', 'expired'])
  })
})

describe('redeeming a code', () => {
  test('binds the caller as staff of the unit with the roles, once; audited; the roles apply from the next call', async () => {
    const inv = await invite({ roles: ['caseworker', 'reviewer'] })
    expect(await t.call('o-new', 'admin', 'units')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const r = await redeem('o-new', inv.code.toLowerCase().replace(/-/g, ' '))
    expect(r).toEqual({ ok: true, data: { unitName: '农机厂工会', roles: ['caseworker', 'reviewer'] } })
    expect(await t.deps.store.repos.staff.getByOpenid('o-new')).toEqual({
      openid: 'o-new',
      displayName: '刘洋',
      unitId: 'unit-a1',
      roles: ['caseworker', 'reviewer'],
      active: true,
      version: 1,
      boundAt: '2026-03-02T02:00:00.000Z',
    })
    expect(await resolveActor(t.deps.store.repos, 'o-new')).toEqual({ openid: 'o-new', roles: ['worker', 'caseworker', 'reviewer'], unitId: 'unit-a1' })
    expect(await t.deps.store.repos.invitations.get(inv.invitationId)).toMatchObject({ status: 'used', usedBy: 'o-new' })
    const bind = (await t.deps.store.repos.audit.list(null, 10)).find((e) => e.action === 'staff.bind')
    expect(bind).toMatchObject({ actor: 'o-new', subject: 'o-new', detail: { invitationId: inv.invitationId, unitId: 'unit-a1', invitedBy: 'o-town-admin' } })
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()

    // Works once: the same code again, by anyone, is refused.
    expect(await redeem('o-other', inv.code)).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'code' } })
    expect(await t.deps.store.repos.staff.getByOpenid('o-other')).toBeNull()
  })

  test('expires after 7 days by the injected clock', async () => {
    const inv = await invite()
    t.clock.advance(INVITATION_TTL_MS - 1000)
    const fresh = await invite()
    t.clock.advance(1000)
    expect(await redeem('o-new', inv.code)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('过期') } })
    expect(await redeem('o-new', fresh.code)).toMatchObject({ ok: true })
  })

  test('two redemptions of one code racing: exactly one binds', async () => {
    const inv = await invite()
    const results = await Promise.all(['o-p1', 'o-p2', 'o-p3', 'o-p4'].map((who) => redeem(who, inv.code)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(3)
    const bound = await Promise.all(['o-p1', 'o-p2', 'o-p3', 'o-p4'].map((o) => t.deps.store.repos.staff.getByOpenid(o)))
    expect(bound.filter(Boolean)).toHaveLength(1)
  })

  test('an active staff member cannot redeem; a deactivated one is bound again', async () => {
    const inv = await invite()
    expect(await redeem('o-caseworker', inv.code)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await t.deps.store.repos.invitations.get(inv.invitationId)).toMatchObject({ status: 'open' })
    const deactivated = await admin('deactivateStaff', { openid: 'o-caseworker', version: 0 })
    expect(deactivated).toMatchObject({ ok: true, data: { active: false, version: 1 } })
    expect(await redeem('o-caseworker', inv.code)).toMatchObject({ ok: true, data: { unitName: '农机厂工会' } })
    expect(await t.deps.store.repos.staff.getByOpenid('o-caseworker')).toMatchObject({ unitId: 'unit-a1', active: true, version: 2 })
  })

  test('five failures an hour per caller, then RATE_LIMITED even for a good code; counted in the store; a new window resets', async () => {
    const inv = await invite()
    for (let i = 0; i < 5; i++) {
      expect(await redeem('o-guesser', `ABCD-EFGH-JK${i}0`)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } })
    }
    expect(await redeem('o-guesser', inv.code)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(await t.deps.store.repos.rateLimits.get('redeem-failures:o-guesser')).toMatchObject({ count: 5 })
    // Another caller is not affected; a malformed code counts as a failure too.
    expect(await redeem('o-other', 'nonsense')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await t.deps.store.repos.rateLimits.get('redeem-failures:o-other')).toMatchObject({ count: 1 })
    t.clock.advance(REDEEM_WINDOW_MS)
    expect(await redeem('o-guesser', inv.code)).toMatchObject({ ok: true })
  })
})

describe('staff of a jurisdiction', () => {
  test('listed by subtree; outside the jurisdiction NOT_FOUND; non-admins FORBIDDEN', async () => {
    const list = await admin('listStaff')
    expect(list).toMatchObject({ ok: true, data: { total: 2, items: [{ openid: 'o-caseworker', unitName: '弥阳街道总工会', version: 0, boundAt: null }, { openid: 'o-town-admin' }] } })
    const city = await admin('listStaff', { pageSize: 10 }, 'o-city-admin')
    expect(city.ok && (city.data as { total: number }).total).toBe(4)
    expect(await admin('listStaff', { unitId: 'unit-a1' })).toMatchObject({ ok: true, data: { total: 0, items: [] } })
    expect(await admin('listStaff', { unitId: 'unit-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('listStaff', {}, 'o-caseworker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('roles change at the version seen, audited; removing a role takes effect on the very next call', async () => {
    const inv = await invite({ roles: ['admin', 'caseworker'] })
    await redeem('o-new', inv.code)
    expect(await t.call('o-new', 'admin', 'units')).toMatchObject({ ok: true, data: { unit: { id: 'unit-a1' } } })

    expect(await admin('setStaffRoles', { openid: 'o-new', version: 1, roles: ['caseworker'] })).toMatchObject({ ok: true, data: { roles: ['caseworker'], version: 2 } })
    expect(await t.call('o-new', 'admin', 'units')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await admin('setStaffRoles', { openid: 'o-new', version: 1, roles: ['admin'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const event = (await t.deps.store.repos.audit.list(null, 20)).find((e) => e.action === 'staff.roles')
    expect(event).toMatchObject({ actor: 'o-town-admin', subject: 'o-new', detail: { from: { roles: ['admin', 'caseworker'] }, to: { roles: ['caseworker'] } } })

    expect(await admin('deactivateStaff', { openid: 'o-new', version: 2 })).toMatchObject({ ok: true, data: { active: false } })
    expect(await resolveActor(t.deps.store.repos, 'o-new')).toEqual({ openid: 'o-new', roles: ['worker'] })
  })

  test('refused: staff outside the jurisdiction (NOT_FOUND), oneself (FORBIDDEN), unknown people (NOT_FOUND), non-admins', async () => {
    expect(await admin('setStaffRoles', { openid: 'o-b-admin', version: 0, roles: ['caseworker'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('setStaffRoles', { openid: 'o-city-admin', version: 0, roles: ['caseworker'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('deactivateStaff', { openid: 'o-town-admin', version: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await admin('deactivateStaff', { openid: 'o-nobody', version: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await admin('setStaffRoles', { openid: 'o-town-admin', version: 0, roles: ['caseworker'] }, 'o-caseworker')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // The city admin may change the town admin.
    expect(await admin('setStaffRoles', { openid: 'o-town-admin', version: 0, roles: ['reviewer'] }, 'o-city-admin')).toMatchObject({ ok: true })
    expect(await admin('units')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
