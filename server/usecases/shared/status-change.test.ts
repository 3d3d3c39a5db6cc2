import type { Actor } from '../../../src/domain'
import { call, sqliteDeps, validForm } from '../../../test/support/deps'
import { findAuditBreak } from './audit-check'
import { countMyUnread, listMyMessages, markMyMessagesRead } from '../account/messages'
import { changeStatus } from './status-change'
import { submitApplication } from '../applicant/submit-application'

const worker = (openid: string): Actor => ({ openid, roles: ['worker'] })
const caseworker: Actor = { openid: 'cw', roles: ['worker', 'caseworker'], unitId: 'unit-root' }

describe('changeStatus (SQLite)', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeEach(() => (t = sqliteDeps()))
  afterEach(() => t.close())

  const submit = (openid = 'w1') => submitApplication(t.deps, worker(openid), { ...validForm }, call())
  const change = (actor: Actor, id: string, name: Parameters<typeof changeStatus>[4], expectedVersion: number, note?: string) =>
    t.deps.store.transaction(async (repos) => {
      t.clock.advance(1000)
      const rec = await repos.applications.get(id)
      return changeStatus(t.deps, repos, actor, rec!, name, { expectedVersion, note })
    })

  it('moves the status, bumps the version, extends the timeline, audits and notifies', async () => {
    const { id } = await submit()
    t.clock.advance(60_000)
    const next = await change(caseworker, id, 'startScreening', 1)
    expect(next).toMatchObject({ status: 'screening', version: 2 })
    expect(next.timeline.map((e) => e.status)).toEqual(['submitted', 'screening'])
    expect(await t.deps.store.repos.applications.get(id)).toEqual(next)
    expect(await t.deps.store.repos.outbox.get(`status:${id}:2`)).toMatchObject({ recipientOpenid: 'w1', status: 'pending', payload: { status: 'screening' } })
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
    expect(await t.deps.store.repos.audit.list(null, 1000)).toHaveLength(2)

    const inbox = await listMyMessages(t.deps, worker('w1'), { page: 1, pageSize: 10 })
    expect(inbox.items.map((m) => m.title)).toEqual(['申请MLS-2026-000001：初审中', '申请MLS-2026-000001：已提交'])
    expect(await countMyUnread(t.deps, worker('w1'))).toEqual({ count: 2 })
    expect(await markMyMessagesRead(t.deps, worker('w2'), { ids: inbox.items.map((m) => m.id) })).toEqual({ updated: 0 })
    expect(await markMyMessagesRead(t.deps, worker('w1'), { ids: [inbox.items[0].id] })).toEqual({ updated: 1 })
    expect(await countMyUnread(t.deps, worker('w1'))).toEqual({ count: 1 })
  })

  it('refuses a stale version and leaves nothing behind', async () => {
    const { id } = await submit()
    await change(caseworker, id, 'startScreening', 1)
    await expect(change(caseworker, id, 'acceptScreening', 1)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await t.deps.store.repos.applications.get(id)).toMatchObject({ status: 'screening', version: 2 })
    expect(await t.deps.store.repos.audit.list(null, 1000)).toHaveLength(2)
  })

  it('lets exactly one of two simultaneous decisions on the same version win', async () => {
    const { id } = await submit()
    const results = await Promise.allSettled([change(caseworker, id, 'startScreening', 1), change(caseworker, id, 'startScreening', 1)])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await t.deps.store.repos.applications.get(id)).toMatchObject({ status: 'screening', version: 2 })
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  it('refuses a worker acting on someone else\'s application, and a worker taking a caseworker\'s step', async () => {
    const { id } = await submit()
    await expect(change(worker('w2'), id, 'withdraw', 1)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(change(worker('w1'), id, 'startScreening', 1)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('releases the open-application claims on withdrawal, so the worker can apply again', async () => {
    const { id } = await submit()
    await change(worker('w1'), id, 'withdraw', 1)
    const again = await submit()
    expect(again.number).toBe('MLS-2026-000002')
  })

  it('keeps the claims while a returned application waits for the worker, with the reason in the timeline', async () => {
    const { id } = await submit()
    await change(caseworker, id, 'startScreening', 1)
    const returned = await change(caseworker, id, 'returnToWorker', 2, '请补充收入证明')
    expect(returned.timeline.at(-1)).toEqual({ at: expect.any(String), status: 'returned', note: '请补充收入证明' })
    await expect(submit()).rejects.toMatchObject({ code: 'CONFLICT' })
    const [message] = (await listMyMessages(t.deps, worker('w1'), { page: 1, pageSize: 1 })).items
    expect(message.body).toContain('请补充收入证明')
  })
})
