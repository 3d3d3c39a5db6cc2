import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../src/domain/application-status'
import { QUEUE_STAGES, type QueueStage } from '../../../src/domain/review'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'
import { defineCollection } from './collection-schema'
import { APPLICATIONS } from './collections'
import { outsideTransaction, readByIds, readPage, readRange, type Scope, type StoredDoc } from './types'
import { applicationKeyVersion } from '../keys/key-versions'
import { KEY_VERSION_INDEX, underOldKey } from './key-version-query'
import { versionedRecords } from './versioned'

type Fields = Omit<ApplicationRecord, 'id'>

const FIELDS = [
  'number', 'applicantOpenid', 'unitId', 'status', 'version', 'name', 'idNumberEnc', 'idNumberHash',
  'phoneEnc', 'employer', 'mainCause', 'timeline', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Fields)[]

/** Fields a record may lack: stored as null when absent, so that a merging update clears them too. */
const OPTIONAL_FIELDS = [
  'formSealed', 'draft', 'consent', 'assessment', 'documents', 'submissions', 'memberIdHashes', 'duplicateFlags', 'fieldsToFix',
  'review', 'visitPhotos', 'stageEnteredAt', 'dueAt', 'noticeEndsAt', 'householdId', 'documentsPurgedAt', 'callNotesPurgedAt', 'typedBy', 'submitReply',
] as const satisfies readonly (keyof Fields)[]

/** Only the queue's stages are read by jurisdiction (as SQLite files only those under every unit above). */
const isQueueStage = (status: string) => (QUEUE_STAGES as readonly string[]).includes(status)

/** Cases without a deadline sort after every dated one. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z'

const toFields = (rec: ApplicationRecord): Fields =>
  Object.fromEntries([...FIELDS.map((f) => [f, rec[f]]), ...OPTIONAL_FIELDS.map((f) => [f, rec[f] ?? null])]) as Fields
/** A record with its unit's path, as it is written. */
type WithPath = ApplicationRecord & { unitPath?: string[] }

/** What is stored: the fields, the queue's sort key, the unit's path and the oldest data key the record depends on. */
const toStored = (rec: WithPath) => ({ ...toFields(rec), dueSort: rec.dueAt ?? NO_DEADLINE, [UNIT_PATH]: rec.unitPath ?? [rec.unitId], keyVersion: applicationKeyVersion(rec) })
const toRecord = (doc: StoredDoc): ApplicationRecord => ({
  id: doc._id,
  ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields),
  ...Object.fromEntries(OPTIONAL_FIELDS.flatMap((f) => (doc[f] === undefined || doc[f] === null ? [] : [[f, doc[f]]]))),
})

/** Unique application numbers; a worker's list, newest first (and its count). */
export const APPLICATIONS_COLLECTION = defineCollection(APPLICATIONS, [
  { keys: [['number', 1]], unique: true },
  { keys: [['applicantOpenid', 1], ['createdAt', -1], ['_id', -1]] },
  // The dashboard's counts of a few units by status (overdue: dueSort before now).
  { keys: [['status', 1], ['unitId', 1], ['dueSort', 1], ['_id', 1]] },
  // The caseworker's queue of a jurisdiction of any size, and its counts: the unit's path is a multikey index.
  { keys: [[UNIT_PATH, 1], ['status', 1], ['dueSort', 1], ['_id', 1]] },
  { keys: [['name', 1], [UNIT_PATH, 1], ['createdAt', -1], ['_id', -1]] },
  // A moved unit's records take its new path.
  { keys: [['unitId', 1], ['_id', 1]] },
  // The timer that opens 电话联系 tasks for returned cases past their deadline.
  { keys: [['status', 1], ['dueSort', 1], ['_id', 1]] },
  // The timer that ends public notices.
  { keys: [['status', 1], ['noticeEndsAt', 1], ['_id', 1]] },
  // 公示 of a jurisdiction of any size: the running notices under a unit, the earliest to end first.
  { keys: [[UNIT_PATH, 1], ['status', 1], ['noticeEndsAt', 1], ['_id', 1]] },
  // The retention schedule's closed applications.
  { keys: [['status', 1], ['documentsPurgedAt', 1], ['updatedAt', 1], ['_id', 1]] },
  // The retention schedule's call notes of closed applications.
  { keys: [['status', 1], ['callNotesPurgedAt', 1], ['updatedAt', 1], ['_id', 1]] },
  // The retention schedule's abandoned drafts.
  { keys: [['status', 1], ['updatedAt', 1], ['_id', 1]] },
  // A caseworker's unfinished 代为申请 drafts, last changed first.
  { keys: [['typedBy.openid', 1], ['status', 1], ['updatedAt', -1], ['_id', -1]] },
  // What a key rotation has left.
  KEY_VERSION_INDEX,
])

/** Applications, one document each with _id = the application id. */
export function applicationRepository(scope: Scope): ApplicationRepository {
  const coll = () => scope.collection(APPLICATIONS)
  const records = versionedRecords<WithPath>(scope, APPLICATIONS, toStored, toRecord)
  return {
    ...records,
    async insert(rec) {
      await records.insert({ ...rec, unitPath: await unitPathOf(scope, rec.unitId) })
    },
    async update(rec, expectedVersion) {
      return records.update({ ...rec, unitPath: await unitPathOf(scope, rec.unitId) }, expectedVersion)
    },
    underOldKey(version, limit) {
      return underOldKey(scope, APPLICATIONS, version, limit, toRecord)
    },
    listByApplicant(openid, page) {
      return readPage(scope, 'applications.listByApplicant', () => coll().where({ applicantOpenid: openid }), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
    async queuePage({ under, status, after, limit }) {
      outsideTransaction(scope, 'applications.queuePage')
      if (!isQueueStage(status)) return []
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status, ...where })
      const docs = await readAfter(scope, query, 'dueSort', after && { value: after.dueAt ?? NO_DEADLINE, id: after.id }, limit)
      return docs.map(toRecord)
    },
    async stageCountsUnder(under, now) {
      outsideTransaction(scope, 'applications.stageCountsUnder')
      // Counted on the index (unitPath, status, dueSort), all at once: no document is read.
      const counts = await Promise.all(
        QUEUE_STAGES.map(async (status) => {
          const where = { [UNIT_PATH]: under, status }
          const [{ total }, { total: overdue }] = await Promise.all([coll().where(where).count(), coll().where({ ...where, dueSort: scope.command.lt(now) }).count()])
          return [status, { total: total ?? 0, overdue: overdue ?? 0 }] as const
        }),
      )
      return Object.fromEntries(counts) as Record<QueueStage, { total: number; overdue: number }>
    },
    async statusCountsUnder(under) {
      outsideTransaction(scope, 'applications.statusCountsUnder')
      // Counted on the index (unitPath, status, dueSort), a status at a time: no document is read.
      const counted = APPLICATION_STATUSES.filter((s) => s !== 'draft')
      const totals = await Promise.all(counted.map(async (status) => (await coll().where({ [UNIT_PATH]: under, status }).count()).total ?? 0))
      const out = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>
      counted.forEach((s, i) => (out[s] = totals[i]))
      return out
    },
    async getMany(ids) {
      return (await readByIds(scope, APPLICATIONS, ids, 'applications.getMany')).map(toRecord)
    },
    async byNumber(number) {
      outsideTransaction(scope, 'applications.byNumber')
      const { data } = await coll().where({ number }).limit(1).get()
      return data.length ? toRecord(data[0]) : null
    },
    async byName(under, name, limit) {
      outsideTransaction(scope, 'applications.byName')
      if (limit <= 0) return []
      const query = coll().where({ name, [UNIT_PATH]: under }).orderBy('createdAt', 'desc').orderBy('_id', 'desc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async closedBefore(before, limit) {
      outsideTransaction(scope, 'applications.closedBefore')
      const query = coll().where({ status: scope.command.in(['rejected', 'withdrawn']), documentsPurgedAt: null, updatedAt: scope.command.lt(before) }).orderBy('updatedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async callNotesBefore(before, limit) {
      outsideTransaction(scope, 'applications.callNotesBefore')
      if (limit <= 0) return []
      const query = coll().where({ status: scope.command.in(['filed', 'rejected', 'withdrawn']), callNotesPurgedAt: null, updatedAt: scope.command.lt(before) }).orderBy('updatedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async staleDrafts(before, offset, limit) {
      outsideTransaction(scope, 'applications.staleDrafts')
      if (limit <= 0) return []
      const query = coll().where({ status: 'draft', updatedAt: scope.command.lt(before) }).orderBy('updatedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, Math.max(0, offset), limit)).map(toRecord)
    },
    async assistedDrafts(typistOpenid, limit) {
      outsideTransaction(scope, 'applications.assistedDrafts')
      if (limit <= 0) return []
      const query = coll().where({ 'typedBy.openid': typistOpenid, status: 'draft' }).orderBy('updatedAt', 'desc').orderBy('_id', 'desc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async returnedOverdue(now, limit) {
      outsideTransaction(scope, 'applications.returnedOverdue')
      const query = coll().where({ status: 'returned', dueSort: scope.command.lte(now) }).orderBy('dueSort', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async noticesUnder(under, now, after, limit) {
      outsideTransaction(scope, 'applications.noticesUnder')
      const _ = scope.command
      // Running: ending after now (a page kept since starts no earlier).
      const from = after && after.endsAt > now ? { value: after.endsAt, id: after.id } : null
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status: 'publicizing', noticeEndsAt: _.gt(now), ...where })
      return (await readAfter(scope, query, 'noticeEndsAt', from, limit)).map(toRecord)
    },
    async countNoticesUnder(under, now) {
      outsideTransaction(scope, 'applications.countNoticesUnder')
      return (await coll().where({ [UNIT_PATH]: under, status: 'publicizing', noticeEndsAt: scope.command.gt(now) }).count()).total ?? 0
    },
    async noticesEnded(now, limit) {
      outsideTransaction(scope, 'applications.noticesEnded')
      const query = coll().where({ status: 'publicizing', noticeEndsAt: scope.command.lte(now) }).orderBy('noticeEndsAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
  }
}
