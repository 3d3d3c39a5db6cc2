import { readFileSync } from 'node:fs'
import type { Actor } from '../../../src/domain'
import { stageDueAt } from '../../../src/domain/review'
import { call, checkedSubmission, sqliteDeps, TEST_POLICY, validForm } from '../../../test/support/deps'
import { findAuditBreak } from '../shared/audit-check'
import { getMyApplication, listMyApplications } from './read-my-applications'
import type { Repositories, Store } from '../../ports'
import { RATE_RULES } from '../shared/rate-limit'
import { submitApplication } from './submit-application'

const worker = (openid: string): Actor => ({ openid, roles: ['worker'] })
/** Another household: its own applicant and member. */
const other = checkedSubmission({ idNumber: '11010519491231002X', memberIds: ['532504200501010018'] })

/** The two ways a submit's writes are committed: in one commit (SQLite), or apart (as on CloudBase, which has no `transactionKeeping`). */
const SHAPES: [string, (store: Store) => Store][] = [
  ['in one commit', (store) => store],
  ['apart', ({ transactionKeeping: _, ...store }) => store],
]

describe('submitApplication (SQLite)', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeEach(() => (t = sqliteDeps()))
  afterEach(() => t.close())

  it('files a numbered, submitted application that its owner can list and read, masked', async () => {
    const r = await submitApplication(t.deps, worker('w1'), { ...validForm }, call('req-00000001'))
    expect(r).toEqual({ id: expect.any(String), number: 'MLS-2026-000001', status: 'submitted', version: 1 })

    const list = await listMyApplications(t.deps, worker('w1'), { page: 1, pageSize: 20 })
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({ id: r.id, number: r.number, status: 'submitted', mainCause: 'illness' })

    const view = await getMyApplication(t.deps, worker('w1'), { id: r.id })
    expect(view.idNumberMasked).toBe('5325**********1238')
    expect(view.phoneMasked).toBe('138****5678')
    expect(view.timeline).toEqual([{ at: '2026-03-02T02:00:00.000Z', status: 'submitted' }])
  })

  it('takes the assessment and the first stage’s deadline from the policy of the unit’s nearest ancestor that has one', async () => {
    await t.ready
    await t.deps.store.repos.policies.put({ ...TEST_POLICY, stageDeadlineDays: { submitted: 3 } })
    const r = await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    const rec = await t.deps.store.repos.applications.get(r.id)
    expect(rec?.unitId).toBe('unit-532504001')
    expect(rec?.dueAt).toBe(stageDueAt(t.clock.now(), 3))
    expect(rec?.dueAt).not.toBeNull()
    expect(rec?.assessment).toMatchObject({ thresholds: { deepLineFen: 78000, relativeLineFen: 156000 } })
  })

  it('numbers per Shanghai year: 2026-12-31T17:00Z is already 2027', async () => {
    t.clock.advance(Date.parse('2026-12-31T17:00:00Z') - t.clock.now().getTime())
    const r = await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    expect(r.number).toBe('MLS-2027-000001')
  })

  it('a retried submit with the same requestId returns the first reply and writes once', async () => {
    const a = await submitApplication(t.deps, worker('w1'), { ...validForm }, call('req-retry-01'))
    const b = await submitApplication(t.deps, worker('w1'), { ...validForm }, call('req-retry-01'))
    expect(b).toEqual(a)
    expect((await listMyApplications(t.deps, worker('w1'), { page: 1, pageSize: 20 })).total).toBe(1)
    expect(await t.deps.store.repos.audit.list(null, 1000)).toHaveLength(1)
    // The reply is kept on the application: no idempotency document of its own (one write less).
    expect(await t.deps.store.repos.idempotency.get('request:w1:req-retry-01')).toBeNull()
    await expect(submitApplication(t.deps, worker('w1'), other, call('req-retry-01'))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不同的内容') })
  })

  it('refuses a second open application of the same worker, and the same ID number from another worker', async () => {
    await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    await expect(submitApplication(t.deps, worker('w1'), other, call())).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await expect(submitApplication(t.deps, worker('w2'), { ...validForm }, call())).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'form.applicant.idNumber',
    })
    expect((await listMyApplications(t.deps, worker('w2'), { page: 1, pageSize: 20 })).total).toBe(0)
  })

  it.each(SHAPES)('leaves nothing behind when a write inside fails but its number, %s', async (_, shape) => {
    await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    const failing = { ...t.deps, store: failingAudit(shape(t.deps.store)) }
    await expect(submitApplication(failing, worker('w2'), other, call('req-fail-001'))).rejects.toThrow('disk full')
    expect((await listMyApplications(t.deps, worker('w2'), { page: 1, pageSize: 20 })).total).toBe(0)
    expect(await t.deps.store.repos.claims.get('open-application:applicant:w2')).toBeNull()
    expect(await t.deps.store.repos.idempotency.get('applicant.submit:w2:req-fail-001')).toBeNull()
    expect(await t.deps.store.repos.audit.list(null, 1000)).toHaveLength(1)
    // The number was taken before the transaction (so submits never conflict on the counter): the failed submit leaves a gap.
    const next = await submitApplication({ ...t.deps, store: shape(t.deps.store) }, worker('w2'), other, call())
    expect(next.number).toBe('MLS-2026-000003')
  })

  it.each(SHAPES)('counts a failed submit against the rate limit, %s; a limited one takes no number', async (_, shape) => {
    const failing = { ...t.deps, store: failingAudit(shape(t.deps.store)) }
    for (let i = 0; i < RATE_RULES.submit.limit; i++) {
      await expect(submitApplication(failing, worker('w2'), other, call())).rejects.toThrow('disk full')
    }
    expect((await t.deps.store.repos.rateLimits.get('rate:submit:w2'))?.count).toBe(RATE_RULES.submit.limit)
    const working = { ...t.deps, store: shape(t.deps.store) }
    await expect(submitApplication(working, worker('w2'), other, call())).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect((await t.deps.store.repos.rateLimits.get('rate:submit:w2'))?.count).toBe(RATE_RULES.submit.limit)
    expect(await t.deps.store.repos.claims.get('open-application:applicant:w2')).toBeNull()
    // Ten numbers went to the failed submits, none to the limited one.
    const next = await submitApplication(working, worker('w1'), { ...validForm }, call())
    expect(next.number).toBe(`MLS-2026-${String(RATE_RULES.submit.limit + 1).padStart(6, '0')}`)
    expect((await t.deps.store.repos.rateLimits.get('rate:submit:w1'))?.count).toBe(1)
  })

  it('keeps ID numbers and phones out of the database file in clear text', async () => {
    await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    const bytes = Buffer.concat([readFileSync(t.file), readWal(t.file)]).toString('latin1')
    expect(bytes).not.toContain(validForm.form.applicant.idNumber)
    expect(bytes).not.toContain(validForm.form.applicant.phone)
    expect(bytes).not.toContain(validForm.form.members[0].idNumber)
    expect(bytes).not.toContain(validForm.form.bank.accountNumber)
    expect(bytes).toContain('MLS-2026-000001')
  })

  it('chains an audit event that verifies', async () => {
    await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    await submitApplication(t.deps, worker('w2'), other, call())
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  it('does not show one worker another worker\'s application', async () => {
    const r = await submitApplication(t.deps, worker('w1'), { ...validForm }, call())
    await expect(getMyApplication(t.deps, worker('w2'), { id: r.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

function readWal(file: string): Buffer {
  try {
    return readFileSync(`${file}-wal`)
  } catch {
    return Buffer.alloc(0)
  }
}

/** `store`, whose transactions' audit append throws (after the application row was written). */
function failingAudit(store: Store): Store {
  const broken = (repos: Repositories): Repositories => ({
    ...repos,
    audit: {
      ...repos.audit,
      append: async () => {
        throw new Error('disk full')
      },
    },
  })
  const keeping = store.transactionKeeping?.bind(store)
  return {
    ...store,
    transaction: (work) => store.transaction((repos) => work(broken(repos))),
    ...(keeping ? { transactionKeeping: <T>(work: (repos: Repositories, keep: () => void) => Promise<T>) => keeping((repos, keep) => work(broken(repos), keep)) } : {}),
  }
}
