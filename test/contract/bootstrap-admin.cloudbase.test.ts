/**
 * The first admin's bootstrap on the CloudBase adapter through the real node-sdk against the
 * stand-in, where it runs in production: the root is found by a query before the transaction, and
 * the claim, the invitation and the audit event are written inside one by _id only.
 */
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { BOOTSTRAP_ACTOR, bootstrapFirstAdmin } from '../../server/usecases/admin/bootstrap'
import { redeemInvitation } from '../../server/usecases/admin/invitations'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { sqliteDeps } from '../support/deps'

let standin: Standin
beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
  resetSdk()
})
afterAll(() => standin.close())

test('one code for the root, racing runs make one, a later run is CONFLICT; the code binds an admin; audit intact', async () => {
  // The test deps on the CloudBase store (seeded with the root and one township).
  const t = sqliteDeps(createCloudbaseStore())
  try {
    await t.ready
    const runs = await Promise.allSettled([bootstrapFirstAdmin(t.deps, { displayName: '赵强' }), bootstrapFirstAdmin(t.deps, { displayName: '王芳' })])
    const made = runs.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ unitId: 'unit-root', roles: ['admin', 'reviewer'] })
    expect(runs.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } })
    await expect(bootstrapFirstAdmin(t.deps, { displayName: '赵强' })).rejects.toMatchObject({ code: 'CONFLICT' })

    expect(await redeemInvitation(t.deps, { openid: 'o-first', roles: ['worker'] }, { code: made[0].code })).toEqual({ unitName: '弥勒市总工会', roles: ['admin', 'reviewer'] })
    expect(await t.deps.store.repos.staff.getByOpenid('o-first')).toMatchObject({ unitId: 'unit-root', roles: ['admin', 'reviewer'], active: true })
    expect((await t.deps.store.repos.audit.list(null, 10)).map((e) => e.actor)).toEqual([BOOTSTRAP_ACTOR, 'o-first'])
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  } finally {
    await t.close()
  }
})
