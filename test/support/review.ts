/**
 * The union tree of union-tree.ts with a policy, reviewers and a way to submit and walk cases
 * through the review, all through the event contract like a client.
 *
 *   unit-a  弥阳街道总工会: caseworkers o-caseworker 李娟 and o-caseworker-2 刘洋, reviewer o-reviewer 周敏
 *   unit-b  新哨镇总工会:  o-b-staff 孙丽 (caseworker and reviewer)
 *   unit-root: o-city-admin 赵强 (admin, reviewer)
 */
import { shanghaiDate, type ApiReply } from '../../src/domain'
import type { CaseView } from '../../src/domain/api/review'
import type { PolicyRecord, Store } from '../../server/ports'
import { submission } from './forms'
import { unionTree, type TreeFixture } from './union-tree'

export const REVIEW_POLICY: PolicyRecord = {
  unitId: 'unit-root',
  dibaoLineFen: 78000,
  publicityDays: 5,
  stageDeadlineDays: { submitted: 5, screening: 10, visiting: 15, verifying: 20 },
  subscribeTemplateIds: {},
}

export const DAY = 86_400_000

/** A JPEG's first bytes: enough for the type check of an upload. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])

export const FINDINGS = {
  household: '三口之家，租住45平方米公房',
  'policies-funds': '2025年享受过一次送温暖慰问',
  difficulties: '本人慢性病长期服药，子女上学',
  measures: '建议医疗救助和助学',
  effect: '首次申请，暂无',
  pairing: '拟由街道工会干部结对',
}

export function visitInput(over: Record<string, unknown> = {}) {
  return { date: '2026-03-02', staffPresent: ['李娟', '刘洋'], place: '弥阳街道髯翁社区3栋201', findings: FINDINGS, photoIds: [], authorizationCollected: true, ...over }
}

export interface ReviewFixture extends TreeFixture {
  /** Submits a valid application of `openid` to `unitId`; returns its id. */
  submit(openid?: string, unitId?: string, over?: Parameters<typeof submission>[0]): Promise<string>
  /** A review action as `openid`, at the case's current version unless `expectedVersion` is given. */
  act(openid: string, action: string, id: string, input?: Record<string, unknown>): Promise<ApiReply<CaseView>>
  /** The case as `openid` sees it (throws when the reply is not ok). */
  view(openid: string, id: string): Promise<CaseView>
  /** Walks a case from submitted to the status named, by the fixture's staff. */
  walkTo(id: string, status: 'screening' | 'visiting' | 'verifying' | 'checked' | 'publicizing' | 'noticeOver' | 'filed'): Promise<CaseView>
}

const ok = <T>(r: ApiReply<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`)
  return r.data
}

/** On a fresh SQLite database, or on `store` (which the caller closes). */
export async function reviewFixture(store?: Store): Promise<ReviewFixture> {
  const t = await unionTree(store)
  await t.deps.store.transaction(async (repos) => {
    await repos.policies.put(REVIEW_POLICY)
    await repos.staff.put({ openid: 'o-caseworker-2', displayName: '刘洋', unitId: 'unit-a', roles: ['caseworker'], active: true })
    await repos.staff.put({ openid: 'o-reviewer', displayName: '周敏', unitId: 'unit-a', roles: ['reviewer'], active: true })
    await repos.staff.put({ openid: 'o-b-staff', displayName: '孙丽', unitId: 'unit-b', roles: ['caseworker', 'reviewer'], active: true })
  })
  const view = async (openid: string, id: string) => ok(await t.call(openid, 'review', 'getCase', { id }), 'getCase') as CaseView
  const act = async (openid: string, action: string, id: string, input: Record<string, unknown> = {}) => {
    const expectedVersion = 'expectedVersion' in input ? input.expectedVersion : (await t.deps.store.repos.applications.get(id))?.version ?? 1
    return (await t.call(openid, 'review', action, { id, expectedVersion, ...input })) as ApiReply<CaseView>
  }
  const step = async (openid: string, action: string, id: string, input: Record<string, unknown> = {}) => ok(await act(openid, action, id, input), action)
  return {
    ...t,
    async submit(openid = 'w1', unitId = 'unit-a1', over = {}) {
      const s = submission(over)
      s.form.applicant.unitId = unitId
      return (ok(await t.call(openid, 'applicant', 'submit', s), 'submit') as { id: string }).id
    },
    act,
    view,
    async walkTo(id, status) {
      let c = await step('o-caseworker', 'startScreening', id)
      if (status === 'screening') return c
      c = await step('o-caseworker', 'acceptScreening', id)
      if (status === 'visiting') return c
      c = await step('o-caseworker', 'recordVisit', id, visitInput({ date: shanghaiDate(t.clock.now()) }))
      if (status === 'verifying') return c
      c = await step('o-reviewer', 'recordFinanceCheck', id, { result: 'confirmed' })
      if (status === 'checked') return c
      c = await step('o-reviewer', 'startNotice', id)
      if (status === 'publicizing') return c
      t.clock.advance(5 * DAY + 1000)
      if (status === 'noticeOver') return view('o-reviewer', id)
      return step('o-reviewer', 'approveAndFile', id, { category: 'deep' })
    },
  }
}
