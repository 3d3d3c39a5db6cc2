import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { submission, tempDir } from '../support/deps'
import { demoSignIn } from '../support/local-session'
import { demoDataDir } from '../support/demo-template'

/** Parallel decisions on one case, sent over HTTP by several signed-in staff as their phones would. */
describe('review decisions racing over HTTP', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>

  beforeAll(async () => {
    tmp = tempDir()
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>蓝天帮扶</title>')
    await demoDataDir(join(tmp.dir, 'data'))
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1 })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  const signIn = (account: string) => demoSignIn(app.url, account)

  const call = async (cookie: string, fn: string, action: string, input: unknown, requestId?: string) => {
    const res = await fetch(`${app.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url, cookie },
      body: JSON.stringify({ action, input, ...(requestId ? { requestId } : {}) }),
    })
    return (await res.json()) as { ok: boolean; data?: { application: { status: string; version: number } }; error?: { code: string } }
  }

  it('applies exactly one of many parallel decisions on one version, and the audit chain stays whole', async () => {
    const worker = await signIn('new-worker')
    const caseworker = await signIn('caseworker')
    const sub = await call(worker, 'applicant', 'submit', submission())
    expect(sub.ok).toBe(true)
    const id = (sub.data as unknown as { id: string }).id

    // Twenty taps of 开始初审 at once, each its own request.
    const starts = await Promise.all(Array.from({ length: 20 }, (_, i) => call(caseworker, 'review', 'startScreening', { id, expectedVersion: 1 }, `start-${i}-aaaaaaaa`)))
    expect(starts.filter((r) => r.ok)).toHaveLength(1)
    expect(starts.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(Array(19).fill('CONFLICT'))

    // Three different decisions on the same version at once: accept, return and reject.
    const decisions = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => call(caseworker, 'review', 'acceptScreening', { id, expectedVersion: 2 }, `accept-${i}-aaaaaaaa`)),
      ...Array.from({ length: 5 }, (_, i) => call(caseworker, 'review', 'returnToWorker', { id, expectedVersion: 2, fieldsToFix: ['applicant.phone'], reason: '电话号码有误' }, `return-${i}-aaaaaaaa`)),
      ...Array.from({ length: 5 }, (_, i) => call(caseworker, 'review', 'reject', { id, expectedVersion: 2, reasonCode: 'unreachable', text: '' }, `reject-${i}-aaaaaaaa`)),
    ])
    const won = decisions.filter((r) => r.ok)
    expect(won).toHaveLength(1)
    expect(decisions.filter((r) => !r.ok).every((r) => r.error?.code === 'CONFLICT')).toBe(true)

    const rec = await app.deps.store.repos.applications.get(id)
    expect(rec).toMatchObject({ version: 3, status: won[0].data!.application.status })
    // 开始初审's entry, then the one decision that won.
    expect(rec!.review!.map((e) => e.kind)).toEqual(['screening-started', expect.any(String)])
    expect(rec!.review!.filter((e) => e.kind !== 'screening-started')).toHaveLength(1)
    const events = await app.deps.store.repos.audit.list(null, 1000)
    const decided = events.filter((e) => e.subject === id && /^application\.(startScreening|acceptScreening|returnToWorker|rejectAtScreening)$/.test(e.action))
    expect(decided.map((e) => e.detail.version)).toEqual([2, 3])
    expect(await findAuditBreak(app.deps.store.repos, app.deps.cipher)).toBeNull()
    // One message per applied change: submitted, screening, and the one decision.
    const inbox = await call(worker, 'account', 'messages', {})
    expect((inbox.data as unknown as { total: number }).total).toBe(3)
  })
})
