/**
 * The authorization matrix of the review: every role against every action, on a case of their
 * own jurisdiction and of another, and the worker on their own case and on someone else's. Each
 * cell is asserted: allowed, FORBIDDEN (the role may never do it) or NOT_FOUND (the case is not
 * theirs to see, so its existence is not confirmed either).
 */
import { idCheckChar } from '../../src/domain/id-number'
import { reviewActions } from '../../src/domain/api/review'
import { resolveActor } from '../../server/usecases/shared/actor'
import { addVisitPhoto } from '../../server/usecases/review/visit'
import { JPEG, reviewFixture, visitInput, type ReviewFixture } from '../support/review'
import { shanghaiDate } from '../../src/domain'

type Stage = Parameters<ReviewFixture['walkTo']>[1] | 'submitted'
type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND'

/** Who acts. `own`: the case lies in their jurisdiction; the worker rows act on w-owner's case. */
const ACTORS = {
  'worker, own case': 'owner',
  'worker, other\'s case': 'w-other',
  'caseworker, own unit': 'o-caseworker',
  'caseworker, other unit': 'o-b-cw',
  'reviewer, own unit': 'o-reviewer',
  'reviewer, other unit': 'o-b-rv',
  'admin only, own unit': 'o-town-admin',
  'admin only, other unit': 'o-b-admin',
} as const
type ActorKey = keyof typeof ACTORS

interface Row {
  action: string
  stage: Stage
  input?: (f: ReviewFixture, id: string) => Promise<Record<string, unknown>> | Record<string, unknown>
  /** Roles of the action, plus the stage's own rule (reject: caseworker early, reviewer late). */
  allowed: readonly ('caseworker' | 'reviewer' | 'worker' | 'owner')[]
  /** An allowed call that answers VALIDATION by design (a fake upload id) still passed the access checks. */
  allowedAnswer?: 'VALIDATION' | 'CONFLICT'
}

const STAFF = ['caseworker', 'reviewer'] as const
const ROWS: Row[] = [
  { action: 'getCase', stage: 'submitted', allowed: STAFF },
  { action: 'startScreening', stage: 'submitted', allowed: ['caseworker'] },
  { action: 'acceptScreening', stage: 'screening', allowed: ['caseworker'] },
  { action: 'returnToWorker', stage: 'screening', input: () => ({ fieldsToFix: ['applicant.phone'], reason: '电话打不通' }), allowed: ['caseworker'] },
  { action: 'reject', stage: 'screening', input: () => ({ reasonCode: 'unreachable', text: '' }), allowed: ['caseworker'] },
  { action: 'reject', stage: 'checked', input: () => ({ reasonCode: 'income-above-line', text: '' }), allowed: ['reviewer'] },
  { action: 'recordVisit', stage: 'visiting', input: (f) => visitInput({ date: shanghaiDate(f.clock.now()) }), allowed: ['caseworker'] },
  { action: 'recordFinanceCheck', stage: 'verifying', input: () => ({ result: 'confirmed' }), allowed: ['reviewer'] },
  { action: 'startNotice', stage: 'checked', allowed: ['reviewer'] },
  { action: 'recordObjection', stage: 'publicizing', input: () => ({ text: '有人反映情况不实' }), allowed: ['reviewer'] },
  { action: 'approveAndFile', stage: 'noticeOver', input: () => ({ category: 'deep' }), allowed: ['reviewer'] },
  { action: 'reveal', stage: 'submitted', input: () => ({ field: 'applicant.idNumber' }), allowed: STAFF },
  {
    action: 'viewDocument',
    stage: 'visiting',
    input: async (f, id) => ({ documentId: (await addVisitPhoto(f.deps, await resolveActor(f.deps.store.repos, 'o-caseworker'), { id, fileName: 'a.jpg', bytes: JPEG })).id }),
    allowed: STAFF,
  },
  { action: 'logCall', stage: 'screening', input: () => ({ outcome: 'no-answer', note: '' }), allowed: STAFF },
  // The worker typed this case themselves: the code is refused as needless, after the access checks.
  { action: 'issueTakeover', stage: 'submitted', allowed: STAFF, allowedAnswer: 'CONFLICT' },
  { action: 'revokeTakeover', stage: 'submitted', input: () => ({ invitationId: 'inv-none' }), allowed: STAFF, allowedAnswer: 'CONFLICT' },
  { action: 'prepareVisitUpload', stage: 'visiting', input: () => ({ fileName: 'a.jpg' }), allowed: ['caseworker'] },
  { action: 'registerVisitPhoto', stage: 'visiting', input: () => ({ fileName: 'a.jpg', fileId: 'visits/x/forged-file' }), allowed: ['caseworker'], allowedAnswer: 'VALIDATION' },
]

/** The roles each actor holds, and whether the case is in their jurisdiction. */
const WHO: Record<ActorKey, { roles: string[]; inJurisdiction: boolean; owner: boolean }> = {
  'worker, own case': { roles: ['worker'], inJurisdiction: false, owner: true },
  'worker, other\'s case': { roles: ['worker'], inJurisdiction: false, owner: false },
  'caseworker, own unit': { roles: ['caseworker'], inJurisdiction: true, owner: false },
  'caseworker, other unit': { roles: ['caseworker'], inJurisdiction: false, owner: false },
  'reviewer, own unit': { roles: ['reviewer'], inJurisdiction: true, owner: false },
  'reviewer, other unit': { roles: ['reviewer'], inJurisdiction: false, owner: false },
  'admin only, own unit': { roles: ['admin'], inJurisdiction: true, owner: false },
  'admin only, other unit': { roles: ['admin'], inJurisdiction: false, owner: false },
}

/** The rule the matrix states: the action's role first (FORBIDDEN), then the jurisdiction (NOT_FOUND), then the stage's own role. */
function expected(row: Row, who: (typeof WHO)[ActorKey]): Outcome {
  const staffRoles = who.roles.filter((r) => r === 'caseworker' || r === 'reviewer')
  const tableRoles = row.action === 'reject' ? STAFF : row.allowed
  if (!staffRoles.some((r) => (tableRoles as readonly string[]).includes(r))) return 'FORBIDDEN'
  if (!who.inJurisdiction) return 'NOT_FOUND'
  return staffRoles.some((r) => (row.allowed as readonly string[]).includes(r)) ? 'allowed' : 'FORBIDDEN'
}

let people = 0
/** A fresh valid ID number per case, so every cell has its own applicant. */
function nextIdNumber(): string {
  const first17 = `532504198${String(1 + (people % 9))}0101${String(100 + people++).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

describe('review authorization matrix', () => {
  let f: ReviewFixture
  beforeAll(async () => {
    f = await reviewFixture()
    await f.deps.store.transaction(async (repos) => {
      await repos.staff.put({ openid: 'o-b-cw', displayName: '钱多', unitId: 'unit-b', roles: ['caseworker'], active: true })
      await repos.staff.put({ openid: 'o-b-rv', displayName: '吴用', unitId: 'unit-b', roles: ['reviewer'], active: true })
    })
  })
  afterAll(() => f.close())

  it('covers every action of the review function', () => {
    // startAssisted, callTasks, assistedDrafts and visitPack name no case: their jurisdiction is tested in
    // test/contract/field.contract.test.ts, test/contract/assisted-drafts.contract.test.ts and test/contract/visit-pack.contract.test.ts.
    const covered = new Set([...ROWS.map((r) => r.action), 'queue', 'notices', 'startAssisted', 'callTasks', 'assistedDrafts', 'visitPack'])
    expect(Object.keys(reviewActions).filter((a) => !covered.has(a))).toEqual([])
  })

  const cells = ROWS.flatMap((row) => (Object.keys(ACTORS) as ActorKey[]).map((actor) => [row.action, row.stage, actor, expected(row, WHO[actor]), row] as const))

  it.each(cells)('%s at %s by %s: %s', async (action, stage, actor, outcome, row) => {
    const owner = `w-${people}`
    const id = await f.submit(owner, 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    if (stage !== 'submitted') await f.walkTo(id, stage)
    const input = { id, expectedVersion: (await f.deps.store.repos.applications.get(id))!.version, ...(await row.input?.(f, id)) }
    if (['getCase', 'reveal', 'viewDocument', 'logCall', 'issueTakeover', 'revokeTakeover'].includes(action) || action.startsWith('prepare') || action.startsWith('register')) delete (input as { expectedVersion?: number }).expectedVersion
    const openid = ACTORS[actor] === 'owner' ? owner : ACTORS[actor]
    const reply = await f.call(openid, 'review', action, input)
    if (outcome === 'allowed') {
      if (row.allowedAnswer) expect(reply).toMatchObject({ ok: false, error: { code: row.allowedAnswer } })
      else expect(reply).toMatchObject({ ok: true })
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: outcome } })
    }
  })

  it('queue: staff see their jurisdiction\'s cases only; workers and admins without a review role are FORBIDDEN', async () => {
    const id = await f.submit(`w-q`, 'unit-a2x', { idNumber: nextIdNumber(), memberIds: [] })
    const number = (await f.deps.store.repos.applications.get(id))!.number
    const sees = async (openid: string) => {
      const r = await f.call(openid, 'review', 'queue', { stage: 'submitted', search: number })
      return r.ok ? ((r.data as { total: number }).total === 1 ? 'sees' : 'does not see') : (r.error.code as string)
    }
    expect({
      worker: await sees('w-q'),
      caseworkerOwn: await sees('o-caseworker'),
      caseworkerOther: await sees('o-b-cw'),
      reviewerOwn: await sees('o-reviewer'),
      reviewerOther: await sees('o-b-rv'),
      cityReviewer: await sees('o-city-admin'),
      adminOnly: await sees('o-town-admin'),
    }).toEqual({
      worker: 'FORBIDDEN',
      caseworkerOwn: 'sees',
      caseworkerOther: 'does not see',
      reviewerOwn: 'sees',
      reviewerOther: 'does not see',
      cityReviewer: 'sees',
      adminOnly: 'FORBIDDEN',
    })
  })

  it('notices are public: anyone may read the notice board', async () => {
    for (const openid of ['w-anyone', 'o-caseworker', 'o-town-admin']) expect(await f.call(openid, 'review', 'notices', {})).toMatchObject({ ok: true })
  })

  it('a worker sees only their own application; staff acting as workers too', async () => {
    const id = await f.submit('w-own', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    expect(await f.call('w-own', 'applicant', 'getMine', { id })).toMatchObject({ ok: true })
    for (const openid of ['w-other', 'o-caseworker', 'o-reviewer', 'o-city-admin']) {
      expect(await f.call(openid, 'applicant', 'getMine', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await f.call(openid, 'applicant', 'withdraw', { id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })

  it('a removed role takes effect on the next call', async () => {
    const id = await f.submit('w-role', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    expect(await f.call('o-caseworker-2', 'review', 'getCase', { id })).toMatchObject({ ok: true })
    const staff = (await f.deps.store.repos.staff.getByOpenid('o-caseworker-2'))!
    await f.deps.store.repos.staff.put({ ...staff, roles: [] })
    expect(await f.call('o-caseworker-2', 'review', 'getCase', { id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
