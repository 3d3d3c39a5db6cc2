/**
 * The deploy plan against the code: every repository method runs on the real SDK against the
 * loopback stand-in, and every query it sends must be served by an index declared for its
 * collection; every collection it touches must be declared. A new repository method without an
 * exercise here, a new query without its index, or a new collection without its declaration fails.
 */
import { COLLECTIONS, createCloudbaseStore } from '../../server/adapters/cloudbase'
import { COLLECTION_DECLARATIONS } from '../../server/adapters/cloudbase/schema'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import type { ExportJobRecord, HouseholdRecord, InvitationRecord, ProblemReportRecord, Repositories, Store } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { applicationRecord } from '../support/fixtures'
import { campaignRecord, checkRecord, contactRecord, measureRecord, paymentEntry } from '../support/household-records'
import { stationRecord } from '../support/stations'
import { indexServes, missingIndex, requestShapes, type QueryShape } from './query-shapes'

let standin: Standin
let store: Store
let n = 0
const fresh = (prefix: string) => `${prefix}-${++n}`
const exportJob = (id: string): ExportJobRecord => ({
  id, openid: 'alice', kind: 'households', format: 'csv', masked: true, reason: null, unitId: 'unit-a', requestId: null, createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z', state: 'running', total: 0, done: 0, cursor: { after: null }, scanned: false, widths: null, parts: [], lease: null,
  file: null, error: null, expiresAt: '2026-03-03T02:00:00.000Z', version: 1,
})

beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
  resetSdk()
  store = createCloudbaseStore()
})
afterAll(() => standin.close())

const app = (id: string) => applicationRecord(id, { applicantOpenid: 'alice', unitId: 'unit-root', idNumberHash: 'h' })

const household = (id: string): HouseholdRecord => ({
  id,
  number: `MLS-H-2026-${id}`,
  unitId: 'unit-root',
  category: 'deep',
  status: 'filed',
  headName: '张小明',
  idNumberEnc: 'v1.x',
  idNumberHash: 'h',
  memberCount: 3,
  applicationIds: ['a'],
  cadres: [],
  history: [],
  lastContactOn: null,
  version: 1,
  filedAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
})

/** A household with its filing in the history, so its clock writes spells. */
const filedHousehold = (id: string): HouseholdRecord => ({
  ...household(id),
  history: [{ id: `${id}-e0`, at: '2026-03-02T02:00:00.000Z', by: 'o-rv', byName: '赵强', kind: 'filed', applicationId: null, category: 'deep' }],
})

const report = (id: string): ProblemReportRecord => ({
  id,
  stationId: 'st-1',
  stationName: '弥阳街道职工驿站',
  unitId: 'unit-a',
  problem: 'closed',
  note: '',
  reporterOpenid: 'alice',
  status: 'pending',
  version: 1,
  createdAt: '2026-03-02T02:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decisionNote: '',
})

/** One call (or a few, for each path) of every repository method. Add one for each new method. */
const EXERCISES: Record<string, (r: Repositories) => Promise<unknown>> = {
  'applications.insert': (r) => r.applications.insert(app(fresh('a'))),
  'applications.get': (r) => r.applications.get('a-none'),
  'applications.listByApplicant': async (r) => {
    await r.applications.listByApplicant('alice', { offset: 0, limit: 5 })
    await r.applications.listByApplicant('alice', { offset: 0, limit: 0 })
  },
  'applications.update': async (r) => {
    const a = app(fresh('u'))
    await r.applications.insert(a)
    await r.applications.update({ ...a, version: 2 }, 1)
    await r.applications.update({ ...a, version: 3 }, 1)
  },
  'claims.get': (r) => r.claims.get('k-none'),
  'claims.create': async (r) => {
    const key = fresh('k')
    await r.claims.create(key, 'h')
    await r.claims.create(key, 'h2')
  },
  'claims.release': (r) => r.claims.release('k-none'),
  'counters.next': async (r) => {
    await r.counters.next('c')
    await r.counters.next('c')
  },
  'idempotency.get': (r) => r.idempotency.get('r-none'),
  'idempotency.put': (r) => r.idempotency.put(fresh('r'), { ok: true }, '2026-03-02T02:00:00.000Z'),
  'idempotency.storedBefore': (r) => r.idempotency.storedBefore('2026-03-03T02:00:00.000Z', 50),
  'idempotency.remove': (r) => r.idempotency.remove('r-none', '2026-03-03T02:00:00.000Z'),
  'audit.head': (r) => r.audit.head('application:a'),
  'audit.append': async (r) => {
    const head = await r.audit.head('application:a')
    const seq = (head?.seq ?? 0) + 1
    await r.audit.append({ stream: 'application:a', seq, at: '2026-03-02T02:00:00.000Z', actor: 'a', action: 'x', subject: 's', detail: {}, prevHash: head?.hash ?? '0', hash: `h${seq}` })
  },
  'audit.list': async (r) => {
    await r.audit.list(null, 10)
    await r.audit.list({ stream: 'application:a', seq: 1 }, 10)
  },
  'audit.headsSince': (r) => r.audit.headsSince('2026-03-02T00:00:00.000Z'),
  'audit.addAnchor': (r) => r.audit.addAnchor({ n: ++n, at: '2026-03-02T02:00:00.000Z', heads: [], prevHash: '0', hash: 'h' }),
  'audit.anchors': (r) => r.audit.anchors(1, 10),
  'audit.lastAnchor': (r) => r.audit.lastAnchor(),
  'staff.getByOpenid': (r) => r.staff.getByOpenid('o-none'),
  'staff.put': (r) => r.staff.put({ openid: fresh('o'), displayName: '李', unitId: 'unit-root', roles: ['caseworker'], active: true }),
  'units.get': (r) => r.units.get('unit-none'),
  'units.put': (r) => r.units.put({ id: fresh('unit'), name: '单位', parentId: 'unit-root', path: ['unit-root'] }),
  'units.children': async (r) => {
    await r.units.children(null)
    await r.units.children('unit-root')
  },
  'units.childPage': async (r) => {
    await r.units.childPage('unit-root', null, 20)
    await r.units.childPage('unit-root', 'unit-a', 20)
  },
  'policies.get': (r) => r.policies.get('unit-none'),
  'policies.put': (r) => r.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: {} }),
  'stations.upsert': (r) => {
    const id = fresh('st')
    return r.stations.upsert(stationRecord({ id, externalId: `EXT-${id}` }))
  },
  'stations.get': (r) => r.stations.get('st-none'),
  'stations.byExternalId': (r) => r.stations.byExternalId('EXT-none'),
  'stations.byExternalIds': (r) => r.stations.byExternalIds(['EXT-a', 'EXT-b']),
  'stations.nearby': async (r) => {
    const point = { lng: 103.4365, lat: 24.4105 }
    await r.stations.nearby({ point, radiusM: 5000, offset: 0, limit: 10 })
    await r.stations.nearby({ point, radiusM: 5000, kinds: ['rest-post'], amenities: ['water'], statuses: ['open'], offset: 10, limit: 10 })
  },
  'stations.list': async (r) => {
    await r.stations.list({ offset: 0, limit: 10 })
    await r.stations.list({ offset: 10, limit: 10 }, ['unit-root', 'unit-a'])
  },
  // A search (a regex on name or address) filters these ranges, as 'stations.list' did; not exercised here.
  'stations.listUnder': async (r) => {
    await r.stations.listUnder(null, null, 10)
    await r.stations.listUnder(null, 'st-1', 10)
    await r.stations.listUnder('unit-a', null, 10)
    await r.stations.listUnder('unit-a', 'st-1', 10)
  },
  'stations.countUnder': async (r) => {
    await r.stations.countUnder(null)
    await r.stations.countUnder('unit-a')
  },
  'problemReports.insert': (r) => r.problemReports.insert(report(fresh('pr'))),
  'problemReports.get': (r) => r.problemReports.get('pr-none'),
  'problemReports.update': async (r) => {
    const rec = report(fresh('pr'))
    await r.problemReports.insert(rec)
    await r.problemReports.update({ ...rec, status: 'resolved', version: 2 }, 1)
  },
  'problemReports.list': async (r) => {
    await r.problemReports.list('pending', { offset: 0, limit: 5 })
    await r.problemReports.list('pending', { offset: 0, limit: 0 })
    await r.problemReports.list('pending', { offset: 0, limit: 5 }, ['unit-root', 'unit-a'])
  },
  'problemReports.listUnder': async (r) => {
    await r.problemReports.listUnder('pending', 'unit-root', null, 5)
    await r.problemReports.listUnder('resolved', 'unit-a', { createdAt: '2026-03-02T02:00:00.000Z', id: 'r-1' }, 5)
  },
  'problemReports.countUnder': (r) => r.problemReports.countUnder('pending', 'unit-root'),
}

Object.assign(EXERCISES, {
  'outbox.enqueue': (r: Repositories) =>
    r.outbox.enqueue({ key: fresh('ob'), kind: 'status-changed', recipientOpenid: 'alice', payload: {}, status: 'pending', attempts: 0, nextAttemptAt: '2026-03-02T02:00:00.000Z', createdAt: '2026-03-02T02:00:00.000Z', sentAt: null, lastError: null }),
  'outbox.due': (r: Repositories) => r.outbox.due('2026-03-02T02:00:00.000Z', 10),
  'outbox.get': (r: Repositories) => r.outbox.get('ob-none'),
  'outbox.update': async (r: Repositories) => {
    const key = fresh('ob')
    const e = { key, kind: 'status-changed' as const, recipientOpenid: 'alice', payload: {}, status: 'pending' as const, attempts: 0, nextAttemptAt: '2026-03-02T02:00:00.000Z', createdAt: '2026-03-02T02:00:00.000Z', sentAt: null, lastError: null }
    await r.outbox.enqueue(e)
    await r.outbox.update({ ...e, attempts: 1 }, 0)
  },
  'messages.add': (r: Repositories) =>
    r.messages.add({ id: fresh('m'), openid: 'alice', title: 't', body: 'b', applicationId: null, createdAt: '2026-03-02T02:00:00.000Z', readAt: null }),
  'messages.listFor': (r: Repositories) => r.messages.listFor('alice', { offset: 0, limit: 5 }),
  'messages.unreadCount': (r: Repositories) => r.messages.unreadCount('alice'),
  'messages.markRead': (r: Repositories) => r.messages.markRead('alice', ['m-none'], '2026-03-02T02:00:00.000Z'),
  'messages.createdBefore': (r: Repositories) => r.messages.createdBefore('2026-03-03T02:00:00.000Z', 50),
  'messages.remove': (r: Repositories) => r.messages.remove('m-none'),
  'subscriptions.get': (r: Repositories) => r.subscriptions.get('alice', 'TPL-0000000001'),
  'subscriptions.accept': (r: Repositories) => r.subscriptions.accept('alice', 'TPL-0000000001', 'statusChanged', '2026-03-02T02:00:00.000Z', 20),
  'subscriptions.spend': (r: Repositories) => r.subscriptions.spend('alice', 'TPL-0000000001', '2026-03-02T02:00:00.000Z'),
  'subscriptions.refund': (r: Repositories) => r.subscriptions.refund('alice', 'TPL-0000000001', '2026-03-02T02:00:00.000Z'),
  'subscriptions.clear': (r: Repositories) => r.subscriptions.clear('alice', 'TPL-0000000001', '2026-03-02T02:00:00.000Z'),
  'subscriptions.holders': (r: Repositories) => r.subscriptions.holders('casesWaiting', 200),
  'uploads.add': (r: Repositories) => r.uploads.add({ key: fresh('up'), openid: 'alice', applicationId: 'app-1', createdAt: '2026-03-02T02:00:00.000Z' }),
  'uploads.remove': (r: Repositories) => r.uploads.remove('up-none'),
  'uploads.olderThan': (r: Repositories) => r.uploads.olderThan('2026-03-01T02:00:00.000Z', 50),
  'uploads.removeMany': (r: Repositories) => r.uploads.removeMany(['up-none', 'up-none-2']),
  'uploads.recentBy': (r: Repositories) => r.uploads.recentBy('alice', '2026-03-01T02:00:00.000Z', 31),
  'exportJobs.get': (r: Repositories) => r.exportJobs.get('job-none'),
  'exportJobs.add': (r: Repositories) => r.exportJobs.add(exportJob(fresh('job'))),
  'exportJobs.update': (r: Repositories) => r.exportJobs.update({ ...exportJob('job-none'), version: 2 }),
  'exportJobs.remove': (r: Repositories) => r.exportJobs.remove('job-none'),
  'exportJobs.due': (r: Repositories) => r.exportJobs.due('2026-03-02T02:00:00.000Z', 10),
  'exportJobs.expired': (r: Repositories) => r.exportJobs.expired('2026-03-02T02:00:00.000Z', 50),
  'outbox.listByStatus': async (r: Repositories) => {
    await r.outbox.listByStatus('failed', { offset: 0, limit: 5 })
    await r.outbox.listByStatus('failed', { offset: 0, limit: 0 })
  },
})

const invitation = (id: string): InvitationRecord => ({
  id,
  unitId: 'unit-root',
  roles: ['caseworker'],
  displayName: '李娟',
  createdBy: 'admin',
  createdAt: '2026-03-02T02:00:00.000Z',
  expiresAt: '2026-03-09T02:00:00.000Z',
  status: 'open',
  usedBy: null,
  usedAt: null,
})

Object.assign(EXERCISES, {
  'units.subtree': (r: Repositories) => r.units.subtree('unit-root'),
  'staff.listUnder': async (r: Repositories) => {
    await r.staff.listUnder('unit-root', null, 5)
    await r.staff.listUnder('unit-a', 'o-1', 5)
  },
  'staff.countUnder': (r: Repositories) => r.staff.countUnder('unit-root'),
  'staff.listByUnits': async (r: Repositories) => {
    await r.staff.listByUnits(['unit-root', 'unit-a'], { offset: 0, limit: 5 })
    await r.staff.listByUnits(['unit-root'], { offset: 0, limit: 0 })
  },
  'invitations.insert': (r: Repositories) => r.invitations.insert(invitation(fresh('inv'))),
  'invitations.get': (r: Repositories) => r.invitations.get('inv-none'),
  'invitations.update': async (r: Repositories) => {
    const rec = invitation(fresh('inv'))
    await r.invitations.insert(rec)
    await r.invitations.update({ ...rec, status: 'used', usedBy: 'o', usedAt: '2026-03-02T03:00:00.000Z' }, 'open')
    await r.invitations.update({ ...rec, status: 'revoked' }, 'open')
  },
  'invitations.listUnder': async (r: Repositories) => {
    await r.invitations.listUnder('unit-root', null, 5)
    await r.invitations.listUnder('unit-a', { createdAt: '2026-03-02T02:00:00.000Z', id: 'inv-1' }, 5)
  },
  'invitations.countUnder': (r: Repositories) => r.invitations.countUnder('unit-root'),
  'rateLimits.get': (r: Repositories) => r.rateLimits.get('rl-none'),
  'rateLimits.put': (r: Repositories) => r.rateLimits.put({ key: fresh('rl'), count: 1, windowStart: '2026-03-02T02:00:00.000Z' }),
})

Object.assign(EXERCISES, {
  'applications.statusCountsUnder': (r: Repositories) => r.applications.statusCountsUnder('unit-a'),
  'applications.byNumber': (r: Repositories) => r.applications.byNumber('MLS-2026-000001'),
  'applications.getMany': (r: Repositories) => r.applications.getMany(['a-none', 'a-other']),
  'applications.byName': (r: Repositories) => r.applications.byName('unit-root', '张小明', 50),
  'applications.queuePage': async (r: Repositories) => {
    await r.applications.queuePage({ under: 'unit-root', status: 'submitted', after: null, limit: 5 })
    await r.applications.queuePage({ under: 'unit-a', status: 'screening', after: { dueAt: '2026-03-02T02:00:00.000Z', id: 'a-1' }, limit: 5 })
    await r.applications.queuePage({ under: 'unit-a', status: 'screening', after: { dueAt: null, id: 'a-1' }, limit: 5 })
  },
  'applications.stageCountsUnder': (r: Repositories) => r.applications.stageCountsUnder('unit-root', '2026-03-02T02:00:00.000Z'),
  'units.getMany': (r: Repositories) => r.units.getMany(['unit-root', 'unit-none']),
  'units.spreadPaths': (r: Repositories) => r.units.spreadPaths([{ id: 'unit-a', name: '弥阳', parentId: 'unit-root', path: ['unit-root', 'unit-a'] }]),
  'applications.noticesEnded': (r: Repositories) => r.applications.noticesEnded('2026-03-02T02:00:00.000Z', 100),
  'applications.noticesUnder': async (r: Repositories) => {
    await r.applications.noticesUnder('unit-root', '2026-03-02T02:00:00.000Z', null, 5)
    await r.applications.noticesUnder('unit-a', '2026-03-02T02:00:00.000Z', { endsAt: '2026-03-09T02:00:00.000Z', id: 'a-1' }, 5)
  },
  'applications.countNoticesUnder': (r: Repositories) => r.applications.countNoticesUnder('unit-root', '2026-03-02T02:00:00.000Z'),
  'applications.underOldKey': (r: Repositories) => r.applications.underOldKey(2, 50),
  'applications.closedBefore': (r: Repositories) => r.applications.closedBefore('2026-03-02T02:00:00.000Z', 50),
  'applications.staleDrafts': (r: Repositories) => r.applications.staleDrafts('2026-03-02T02:00:00.000Z', 100, 100),
  'applications.callNotesBefore': (r: Repositories) => r.applications.callNotesBefore('2026-03-02T02:00:00.000Z', 50),
  'personRequests.get': (r: Repositories) => r.personRequests.get('pr-1'),
  'personRequests.put': (r: Repositories) => r.personRequests.put({ id: 'pr-1', kind: 'copy', applicationId: 'a-1', unitId: 'unit-root', note: '要一份副本', receivedOn: '2026-03-02', dueOn: '2026-04-01', status: 'open', openedBy: 'o-r', version: 1 }, 0),
  'personRequests.openUnder': async (r: Repositories) => {
    await r.personRequests.openUnder('unit-root', null, 5)
    await r.personRequests.openUnder('unit-a', { dueOn: '2026-04-01', id: 'pr-1' }, 5)
  },
  'personRequests.countOpenUnder': (r: Repositories) => r.personRequests.countOpenUnder('unit-root'),
  'personRequests.closedBefore': (r: Repositories) => r.personRequests.closedBefore('2026-03-02T02:00:00.000Z', 50),
  'personRequests.remove': (r: Repositories) => r.personRequests.remove('pr-none', 1),
  'households.underOldKey': (r: Repositories) => r.households.underOldKey(2, 50),
  'applications.assistedDrafts': (r: Repositories) => r.applications.assistedDrafts('o-caseworker', 20),
  'applications.returnedOverdue': (r: Repositories) => r.applications.returnedOverdue('2026-03-02T02:00:00.000Z', 100),
  'callTasks.put': (r: Repositories) =>
    r.callTasks.put({ id: fresh('call'), applicationId: 'app-1', unitId: 'unit-root', status: 'open', openedAt: '2026-03-02T02:00:00.000Z', reasons: ['no-subscription'], occasions: ['x'], attempts: 0, doneAt: null }),
  'callTasks.get': (r: Repositories) => r.callTasks.get('call-none'),
  'callTasks.openUnder': async (r: Repositories) => {
    await r.callTasks.openUnder('unit-root', null, 5)
    await r.callTasks.openUnder('unit-a', { openedAt: '2026-03-02T02:00:00.000Z', id: 'call-1' }, 5)
  },
  'callTasks.countOpenUnder': (r: Repositories) => r.callTasks.countOpenUnder('unit-root'),
  'households.insert': (r: Repositories) => r.households.insert(household(fresh('h'))),
  'households.get': (r: Repositories) => r.households.get('h-none'),
  'households.update': async (r: Repositories) => {
    const h = household(fresh('h'))
    await r.households.insert(h)
    await r.households.update({ ...h, version: 2 }, 1)
    await r.households.update({ ...h, version: 3 }, 1)
  },
})

Object.assign(EXERCISES, {
  'households.search': async (r: Repositories) => {
    await r.households.search('unit-root', 'MLS-H-2026-000001', 20)
    await r.households.search('unit-a', '张小明', 20)
  },
  'households.listPage': async (r: Repositories) => {
    await r.households.listPage({ under: 'unit-root', after: null, limit: 5 })
    await r.households.listPage({ under: 'unit-root', status: 'filed', after: { number: 'MLS-H-2026-000001', id: 'h-1' }, limit: 5 })
    await r.households.listPage({ under: 'unit-a', after: { number: 'MLS-H-2026-000001', id: 'h-1' }, limit: 5 })
  },
  'households.countUnder': async (r: Repositories) => {
    await r.households.countUnder('unit-root')
    await r.households.countUnder('unit-root', 'filed')
  },
  'households.deregisteredBefore': (r: Repositories) => r.households.deregisteredBefore('2026-03-02T02:00:00.000Z', 50),
  'measures.insert': (r: Repositories) => r.measures.insert(measureRecord(fresh('m'))),
  'measures.get': (r: Repositories) => r.measures.get('m-none'),
  'households.getMany': (r: Repositories) => r.households.getMany(['h-none', 'h-other']),
  'households.names': (r: Repositories) => r.households.names(['h-none', 'h-other']),
  'measures.getMany': (r: Repositories) => r.measures.getMany(['m-none', 'm-other']),
  'measures.update': async (r: Repositories) => {
    const m = measureRecord(fresh('m'))
    await r.measures.insert(m)
    await r.measures.update({ ...m, status: 'done', version: 2 }, 1)
    await r.measures.update({ ...m, version: 3 }, 1)
  },
  'measures.listByHousehold': (r: Repositories) => r.measures.listByHousehold('h1'),
  'ledger.append': (r: Repositories) => r.ledger.append(paymentEntry(fresh('d'))),
  'ledger.get': (r: Repositories) => r.ledger.get('d-none'),
  'ledger.listByHousehold': (r: Repositories) => r.ledger.listByHousehold('h1'),
  'ledger.decide': async (r: Repositories) => {
    const e = paymentEntry(fresh('d'), { status: 'pending', decision: null })
    await r.ledger.append(e)
    await r.ledger.decide(e.id, { status: 'approved', by: 'o-reviewer', byName: '周敏', at: '2026-03-02T02:00:00.000Z', note: '' })
  },
  'ledger.pendingUnder': async (r: Repositories) => {
    await r.ledger.pendingUnder('unit-root', null, 21)
    await r.ledger.pendingUnder('unit-a', { createdAt: '2026-03-02T02:00:00.000Z', id: 'd-1' }, 21)
  },
  'ledger.approvedUnder': async (r: Repositories) => {
    await r.ledger.approvedUnder('unit-root', {}, null, 21)
    await r.ledger.approvedUnder('unit-a', { from: '2026-01-01', to: '2026-12-31' }, { paidOn: '2026-03-01', id: 'd-1' }, 21)
    await r.ledger.approvedUnder('unit-a', { to: '2026-12-31' }, null, 21)
  },
  'ledger.countApprovedUnder': async (r: Repositories) => {
    await r.ledger.countApprovedUnder('unit-root', {})
    await r.ledger.countApprovedUnder('unit-a', { from: '2026-01-01', to: '2026-12-31' })
  },
  'ledger.countPendingUnder': async (r: Repositories) => {
    await r.ledger.countPendingUnder('unit-root')
    await r.ledger.countPendingUnder('unit-root', 'o-reviewer')
  },
  'budgets.get': (r: Repositories) => r.budgets.get('unit-root:2026:central'),
  'budgets.put': async (r: Repositories) => {
    const b = { id: fresh('unit-x'), unitId: 'unit-x', year: 2026, fundSource: 'central' as const, amountFen: 1000, committedFen: 0, version: 1, setBy: 'o-admin', setAt: '2026-03-02T02:00:00.000Z' }
    await r.budgets.put(b, 0)
    await r.budgets.put({ ...b, committedFen: 10, version: 2 }, 1)
  },
  'budgets.getMany': (r: Repositories) => r.budgets.getMany(['unit-root:2026:central', 'unit-a:2026:union']),
  'contacts.add': (r: Repositories) => r.contacts.add(contactRecord(fresh('c'))),
  'contacts.notesBefore': (r: Repositories) => r.contacts.notesBefore('2026-03-02T02:00:00.000Z', 50),
  'contacts.clearNotes': async (r: Repositories) => {
    const id = fresh('c')
    await r.contacts.add(contactRecord(id))
    await r.contacts.clearNotes(id, '2026-03-02T02:00:00.000Z')
  },
  'contacts.listByHousehold': async (r: Repositories) => {
    await r.contacts.listByHousehold('h1', { offset: 0, limit: 5 })
    await r.contacts.listByHousehold('h1', { offset: 0, limit: 0 })
  },
  'campaigns.insert': (r: Repositories) => r.campaigns.insert(campaignRecord(fresh('k'))),
  'campaigns.get': (r: Repositories) => r.campaigns.get('k-none'),
  'campaigns.update': async (r: Repositories) => {
    const k = campaignRecord(fresh('k'))
    await r.campaigns.insert(k)
    await r.campaigns.update({ ...k, status: 'closed', version: 2 }, 1)
  },
  'campaigns.list': async (r: Repositories) => {
    await r.campaigns.list({ offset: 0, limit: 5 })
    await r.campaigns.list({ offset: 0, limit: 0 })
  },
  'campaigns.listFor': async (r: Repositories) => {
    await r.campaigns.listFor({ id: 'unit-root', path: ['unit-root'] }, null, 5)
    await r.campaigns.listFor({ id: 'unit-a1', path: ['unit-root', 'unit-a', 'unit-a1'] }, { startsOn: '2026-03-01', id: 'k-1' }, 5)
  },
  'campaigns.countFor': async (r: Repositories) => {
    await r.campaigns.countFor({ id: 'unit-root', path: ['unit-root'] })
    await r.campaigns.countFor({ id: 'unit-a1', path: ['unit-root', 'unit-a', 'unit-a1'] })
  },
  'evidence.add': async (r: Repositories) => {
    const id = fresh('ev')
    const e = { id, householdId: 'h1', unitId: 'unit-a1', fileName: 'a.jpg', contentType: 'image/jpeg' as const, size: 1, storageKey: `evidence/h1/${id}.jpg`, uploadedAt: '2026-03-02T02:00:00.000Z', uploadedBy: 'alice' }
    await r.evidence.add(e)
    await r.evidence.add(e)
  },
  'evidence.get': (r: Repositories) => r.evidence.get('ev-none'),
  'evidence.getMany': (r: Repositories) => r.evidence.getMany(['ev-none', 'ev-other']),
  'evidence.listByHousehold': (r: Repositories) => r.evidence.listByHousehold('h1', 50),
  'evidence.remove': (r: Repositories) => r.evidence.remove('ev-none'),
  'checks.get': (r: Repositories) => r.checks.get('k:none'),
  'checks.put': async (r: Repositories) => {
    const c = checkRecord('k1', fresh('h'))
    await r.checks.put(c, 0)
    await r.checks.put(c, 0)
    await r.checks.put({ ...c, version: 2 }, 1)
  },
  'checks.scan': async (r: Repositories) => {
    await r.checks.scan('k1', null, 100)
    await r.checks.scan('k1', 'k1:h-1', 100)
  },
  'checks.countUnder': (r: Repositories) => r.checks.countUnder('k1', 'unit-root'),
  'contactClocks.overdueCount': async (r: Repositories) => {
    const id = fresh('h')
    await r.households.insert(filedHousehold(id))
    await r.contacts.add({ ...contactRecord(fresh('c')), householdId: id, on: '2026-09-01' })
    await r.contactClocks.overdueCount('unit-root', '2026-12-01')
  },
  // Both reads: a day after the last spell ended (open spells only) and one before it (any spell holding it).
  'contactClocks.overdueLongest': async (r: Repositories) => {
    await r.contactClocks.overdueLongest('unit-root', '2026-12-01', 30)
    await r.contactClocks.overdueLongest('unit-root', '2026-08-01', 30)
  },
  'contactClocks.filedCount': (r: Repositories) => r.contactClocks.filedCount('unit-root', '2026-06-01T00:00:00.000Z'),
  'contactClocks.rebuild': async (r: Repositories) => {
    const id = fresh('h')
    await r.households.insert(filedHousehold(id))
    await r.contactClocks.rebuild(id)
  },
  'contactClocks.rebuildUnder': (r: Repositories) => r.contactClocks.rebuildUnder('unit-root'),
  'stations.countByKind': (r: Repositories) => r.stations.countByKind(),
  'stations.countAidByLevel': (r: Repositories) => r.stations.countAidByLevel(),
  'figures.rows': async (r: Repositories) => {
    await r.ledger.append(paymentEntry(fresh('d')))
    await r.figures.rows('unit-root', '2026-12')
  },
  // By _id only; in the move's transaction (outside one, CloudBase's refuses to write).
  'figures.moveBranch': (r: Repositories) =>
    r.figures.moveBranch('u1', ['unit-root'], ['unit-root', 'u2'], ['2026-01']).catch((err: Error) => {
      if (!/runs in a transaction/.test(err.message)) throw err
    }),
  'figures.foldPending': async (r: Repositories) => {
    await r.households.insert(household(fresh('h')))
    await r.figures.foldPending(50)
    await r.figures.rows('u1', '2026-12')
  },
})

const methodsOf = (repos: Repositories) =>
  Object.entries(repos).flatMap(([repo, methods]) => Object.keys(methods as object).map((m) => `${repo}.${m}`))

describe('the deploy plan covers what the CloudBase repositories do', () => {
  let shapes: QueryShape[] = []
  let collectionsSeen = new Set<string>()

  beforeAll(async () => {
    standin.reset()
    for (const [name, run] of Object.entries(EXERCISES)) {
      if (!methodsOf(store.repos).includes(name)) continue
      await run(store.repos)
      await store.transaction((r) => run(r)).catch((err: Error) => {
        if (!/not available inside a transaction/.test(err.message)) throw err
      })
    }
    shapes = standin.requests.flatMap(requestShapes)
    collectionsSeen = new Set(standin.requests.flatMap((q) => (q.collectionName ? [q.collectionName] : [])))
  })

  test('every repository method has an exercise here', () => {
    const missing = methodsOf(store.repos).filter((m) => !EXERCISES[m])
    expect(missing).toEqual([])
  })

  test('the exercises sent queries (the check is not vacuous)', () => {
    expect(shapes.length).toBeGreaterThan(3)
    expect(shapes.some((s) => s.sort.length > 0)).toBe(true)
    expect(shapes.some((s) => s.geo.length > 0)).toBe(true)
  })

  test('every query is served by a declared index', () => {
    const problems = [...new Set(shapes.map((s) => missingIndex(s, COLLECTION_DECLARATIONS)).filter((p): p is string => p !== null))]
    expect(problems).toEqual([])
  })

  test('every collection the repositories touch is declared, and COLLECTIONS names exactly the declared ones', () => {
    const declared = COLLECTION_DECLARATIONS.map((d) => d.name)
    expect([...collectionsSeen].filter((c) => !declared.includes(c))).toEqual([])
    expect([...declared].sort()).toEqual([...COLLECTIONS].sort())
    expect(new Set(declared).size).toBe(declared.length)
  })

  test('application numbers are unique in CloudBase too', () => {
    const applications = COLLECTION_DECLARATIONS.find((d) => d.name === 'applications')!
    expect(applications.indexes.some((i) => i.unique && i.keys.length === 1 && i.keys[0][0] === 'number')).toBe(true)
  })

  test('index names are unique per collection and use only letters, digits and _', () => {
    for (const d of COLLECTION_DECLARATIONS) {
      const names = d.indexes.map((i) => i.name)
      expect(new Set(names).size).toBe(names.length)
      for (const name of names) expect(name).toMatch(/^\w{1,100}$/)
    }
  })
})

describe('the index check itself', () => {
  const shape = (over: Partial<QueryShape>): QueryShape => ({ collection: 'c', action: 'database.getDocument', equality: [], range: [], geo: [], sort: [], ...over })

  test('equality fields first in any order, then the sort in order or reversed', () => {
    const keys = [['unitId', 1], ['status', 1], ['updatedAt', -1]] as const
    expect(indexServes(keys, shape({ equality: ['status', 'unitId'], sort: [['updatedAt', -1]] }))).toBe(true)
    expect(indexServes(keys, shape({ equality: ['status', 'unitId'], sort: [['updatedAt', 1]] }))).toBe(true)
    expect(indexServes(keys, shape({ equality: ['unitId'] }))).toBe(true)
    expect(indexServes(keys, shape({ equality: ['status'] }))).toBe(false)
    expect(indexServes(keys, shape({ equality: ['unitId'], sort: [['updatedAt', -1]] }))).toBe(false)
    expect(indexServes([['a', 1], ['b', -1]], shape({ sort: [['a', 1], ['b', 1]] }))).toBe(false)
  })

  test('ranges, geo and _id', () => {
    expect(indexServes([['seq', 1]], shape({ range: ['seq'] }))).toBe(true)
    expect(indexServes([['other', 1], ['seq', 1]], shape({ range: ['seq'] }))).toBe(false)
    expect(indexServes([['location', '2dsphere']], shape({ geo: ['location'] }))).toBe(true)
    expect(indexServes([['location', 1]], shape({ geo: ['location'] }))).toBe(false)
    expect(missingIndex(shape({ equality: ['_id', 'version'] }), [])).toBeNull()
    expect(missingIndex(shape({ sort: [['_id', -1]] }), [])).toBeNull()
    expect(missingIndex(shape({ equality: ['x'] }), [])).toMatch(/no declared index/)
  })

  test('a wire request is read into its shapes, one per $or branch', () => {
    const enc = (v: unknown) => JSON.stringify(v)
    const shapes = requestShapes({
      action: 'database.getDocument',
      collectionName: 'c',
      queryType: 'WHERE',
      query: enc({ unitId: 'u', $or: [{ status: 'a' }, { status: { $in: ['b', 'c'] } }], n: { $gte: 1 } }),
      order: enc({ updatedAt: -1 }),
    })
    expect(shapes).toHaveLength(2)
    expect(shapes[0]).toMatchObject({ equality: ['status', 'unitId'], range: ['n'], sort: [['updatedAt', -1]] })
    expect(requestShapes({ action: 'database.getDocument', collectionName: 'c', queryType: 'DOC', query: enc({ _id: 'x' }) })).toEqual([])
  })
})
