/**
 * Records for the filled views, made through the same handlers the pages call, on the local demo
 * data: an application under review (screening), a returned one, a filed household and a 户户清
 * check of the demo campaign. Identities are the local demo accounts (server/local/demo.ts).
 */
import type { ApiReply } from '../../src/domain'
import { handle } from '../../server/functions'
import type { Deps } from '../../server/ports'
import { submission } from '../support/forms'

export const WORKER = 'demo-worker'
export const OTHER_WORKER = 'demo-worker-2'
/** 弥阳街道's caseworker. */
export const CASEWORKER = 'demo-caseworker'
/** The city federation's admin and reviewer. */
export const ADMIN = 'demo-admin'
/** 弥阳街道总工会: in the caseworker's jurisdiction. */
const UNIT = 'unit-532504001'

export interface DemoCases {
  underReview: string
  returned: string
  household: string
  campaign: string
  /** A household in the campaign's scope. */
  checkHousehold: string
  station: string
}

export async function demoCases(deps: Deps): Promise<DemoCases> {
  const call = async <T>(openid: string, fn: string, action: string, input: Record<string, unknown>, requestId?: string): Promise<T> => {
    const reply = (await handle(fn, { action, input, requestId }, { openid }, deps)) as ApiReply<T>
    if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data
  }
  const version = async (id: string) => (await deps.store.repos.applications.get(id))!.version
  const submit = async (openid: string, over: Parameters<typeof submission>[0] = {}) => {
    const s = submission(over)
    s.form.applicant.unitId = UNIT
    return (await call<{ id: string }>(openid, 'applicant', 'submit', s as unknown as Record<string, unknown>)).id
  }

  const underReview = await submit(WORKER)
  await call(CASEWORKER, 'review', 'startScreening', { id: underReview, expectedVersion: await version(underReview) })

  const returned = await submit(OTHER_WORKER, { idNumber: '11010519491231002X', name: '王大力', memberIds: ['532504200501010018'] })
  await call(CASEWORKER, 'review', 'startScreening', { id: returned, expectedVersion: await version(returned) })
  await call(CASEWORKER, 'review', 'returnToWorker', { id: returned, expectedVersion: await version(returned), fieldsToFix: ['applicant.phone'], reason: '电话号码打不通，请核对' })

  const households = await call<{ items: { id: string }[] }>(ADMIN, 'households', 'list', { pageSize: 5 })
  const campaigns = await call<{ items: { id: string }[] }>(ADMIN, 'households', 'campaigns', { pageSize: 5 })
  const campaign = campaigns.items[0].id
  const inScope = await call<{ households: { items: { householdId: string }[] } }>(ADMIN, 'households', 'campaign', { campaignId: campaign, page: 1, pageSize: 5 })
  const own = await call<{ items: { id: string }[] }>(CASEWORKER, 'households', 'list', { pageSize: 1, status: 'filed' })
  // A payment the caseworker records waits for another reviewer: the admin's pending list shows it.
  await call(
    CASEWORKER,
    'households',
    'recordPayment',
    { householdId: own.items[0].id, amountFen: 12_300, fundSource: 'county', paidOn: '2026-03-07', note: '冬季慰问' },
    'weapp-pending-payment-1',
  )
  // A person's request about their data, open: the requests page lists it with its deadline.
  await call(ADMIN, 'admin', 'openPersonRequest', { applicationId: returned, kind: 'copy', note: '本人来电要求复制申请资料' })
  const stations = await deps.store.repos.stations.list({ offset: 0, limit: 1 })
  return { underReview, returned, household: households.items[0].id, campaign, checkHousehold: inScope.households.items[0].householdId, station: stations[0].id }
}
