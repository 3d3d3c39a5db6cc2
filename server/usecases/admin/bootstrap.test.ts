/** The deployment's first admin: one code, once, redeemed to an admin and reviewer of the root unit. */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { createCipher } from '../../adapters/node-cipher'
import { openSqliteStore } from '../../adapters/sqlite'
import { sqliteDeps, tempDir } from '../../../test/support/deps'
import { AppError } from '../../../src/domain'
import { resolveActor } from '../shared/actor'
import { appendAudit } from '../shared/audit'
import { findAuditBreak } from '../shared/audit-check'
import { BOOTSTRAP_ACTOR, FIRST_ADMIN_CLAIM, bootstrapFirstAdmin } from './bootstrap'
import { createInvitation, redeemInvitation } from './invitations'

let t: ReturnType<typeof sqliteDeps>
beforeEach(async () => {
  t = sqliteDeps()
  await t.ready
})
afterEach(() => t.close())

const rejection = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => (err instanceof AppError ? { code: err.code, message: err.message, field: err.field } : err))

describe('bootstrapFirstAdmin', () => {
  test('makes one code for the root unit; a second run is CONFLICT; the code binds an admin and reviewer; audited by bootstrap', async () => {
    const inv = await bootstrapFirstAdmin(t.deps, { displayName: ' 赵强 ' })
    expect(inv).toMatchObject({ unitId: 'unit-root', unitName: '弥勒市总工会', roles: ['admin', 'reviewer'], displayName: '赵强', expiresAt: '2026-03-09T02:00:00.000Z' })
    expect(inv.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    const repos = t.deps.store.repos
    expect(await repos.claims.get(FIRST_ADMIN_CLAIM)).toEqual({ key: FIRST_ADMIN_CLAIM, holder: inv.invitationId })
    expect(await repos.invitations.get(inv.invitationId)).toMatchObject({ status: 'open', createdBy: BOOTSTRAP_ACTOR })

    const again = await rejection(bootstrapFirstAdmin(t.deps, { displayName: '另一个人' }))
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已经生成过') })
    expect(await repos.invitations.countUnder('unit-root')).toBe(1)

    t.clock.advance(60_000)
    expect(await redeemInvitation(t.deps, { openid: 'o-first', roles: ['worker'] }, { code: inv.code.toLowerCase() })).toEqual({ unitName: '弥勒市总工会', roles: ['admin', 'reviewer'] })
    expect(await repos.staff.getByOpenid('o-first')).toMatchObject({ displayName: '赵强', unitId: 'unit-root', roles: ['admin', 'reviewer'], active: true })
    const admin = await resolveActor(repos, 'o-first')
    expect(admin).toEqual({ openid: 'o-first', roles: ['worker', 'admin', 'reviewer'], unitId: 'unit-root' })
    // The first admin invites the next person as any admin does.
    await expect(createInvitation(t.deps, admin, { unitId: 'unit-532504001', roles: ['caseworker'], displayName: '李娟' })).resolves.toMatchObject({ unitName: '弥阳街道总工会' })

    // In stream order (each invitation and the staff member its own stream), not in time order.
    const events = await repos.audit.list(null, 10)
    expect(events.map((e) => [e.actor, e.action])).toEqual(
      expect.arrayContaining([
        [BOOTSTRAP_ACTOR, 'invitation.create'],
        ['o-first', 'staff.bind'],
        ['o-first', 'invitation.create'],
      ]),
    )
    expect(events).toHaveLength(3)
    expect(events.find((e) => e.actor === BOOTSTRAP_ACTOR)!.detail).toMatchObject({ unitId: 'unit-root', roles: ['admin', 'reviewer'], firstAdmin: true })
    expect(JSON.stringify(events)).not.toContain(inv.code.replace(/-/g, ''))
    expect(await findAuditBreak(repos, t.deps.cipher)).toBeNull()
    // Still refused once the code is used.
    expect(await rejection(bootstrapFirstAdmin(t.deps, { displayName: '赵强' }))).toMatchObject({ code: 'CONFLICT' })
  })

  test('--unit names another unit; an unknown unit or a bad name writes nothing', async () => {
    expect(await rejection(bootstrapFirstAdmin(t.deps, { displayName: '赵强', unitId: 'unit-nowhere' }))).toMatchObject({ code: 'NOT_FOUND', field: 'unitId' })
    expect(await rejection(bootstrapFirstAdmin(t.deps, { displayName: '   ' }))).toMatchObject({ code: 'VALIDATION', message: '请填写被邀请人的姓名', field: 'displayName' })
    expect(await rejection(bootstrapFirstAdmin(t.deps, { displayName: '名'.repeat(21) }))).toMatchObject({ code: 'VALIDATION', field: 'displayName' })
    expect(await t.deps.store.repos.claims.get(FIRST_ADMIN_CLAIM)).toBeNull()
    expect(await t.deps.store.repos.audit.list(null, 1)).toEqual([])
    await expect(bootstrapFirstAdmin(t.deps, { displayName: '王芳', unitId: 'unit-532504001' })).resolves.toMatchObject({ unitId: 'unit-532504001', unitName: '弥阳街道总工会' })
  })

  test('two runs racing: exactly one makes a code', async () => {
    const runs = await Promise.allSettled([bootstrapFirstAdmin(t.deps, { displayName: '甲' }), bootstrapFirstAdmin(t.deps, { displayName: '乙' })])
    expect(runs.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(runs.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } })
    expect(await t.deps.store.repos.invitations.countUnder('unit-root')).toBe(1)
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  test('refused with a data key other than the one the audit log was written with', async () => {
    await t.deps.store.transaction((repos) => appendAudit(repos, createCipher(randomBytes(32)), t.clock.now(), { actor: 'x', action: 'test', subject: 's' }))
    expect(await rejection(bootstrapFirstAdmin(t.deps, { displayName: '赵强' }))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('数据密钥') })
    expect(await t.deps.store.repos.claims.get(FIRST_ADMIN_CLAIM)).toBeNull()
  })
})

test('without exactly one root unit it asks for the units or for --unit', async () => {
  const { dir, cleanup } = tempDir()
  const store = openSqliteStore(join(dir, 'lantian.db'))
  try {
    const deps = { ...t.deps, store }
    expect(await rejection(bootstrapFirstAdmin(deps, { displayName: '赵强' }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('import:union') })
    await store.repos.units.put({ id: 'root-a', name: '甲市总工会', parentId: null, path: ['root-a'] })
    await store.repos.units.put({ id: 'root-b', name: '乙市总工会', parentId: null, path: ['root-b'] })
    expect(await rejection(bootstrapFirstAdmin(deps, { displayName: '赵强' }))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('--unit') })
    await expect(bootstrapFirstAdmin(deps, { displayName: '赵强', unitId: 'root-b' })).resolves.toMatchObject({ unitName: '乙市总工会' })
  } finally {
    await store.close()
    cleanup()
  }
})
