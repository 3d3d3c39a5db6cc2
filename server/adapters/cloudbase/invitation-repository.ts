import type { InvitationRecord, InvitationRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { INVITATIONS } from './collections'
import { outsideTransaction, readDoc, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'

/** `listUnder` lists a jurisdiction's invitations newest first: an invitation keeps its unit's path (`unitPath`, multikey). */
export const INVITATIONS_COLLECTION = defineCollection(INVITATIONS, [{ keys: [[UNIT_PATH, 1], ['kind', 1], ['createdAt', -1], ['_id', -1]] }, { keys: [['unitId', 1], ['_id', 1]] }])

type Fields = Omit<InvitationRecord, 'id'>
const FIELDS = [
  'unitId', 'roles', 'displayName', 'createdBy', 'createdAt', 'expiresAt', 'status', 'usedBy', 'usedAt',
] as const satisfies readonly (keyof Fields)[]

/** Written on every invitation (staff when absent), so the admin's list can ask for staff ones; the application only on a take-over code. */
const withKind = (r: InvitationRecord) => ({ ...toFields(r), kind: r.kind ?? 'staff', ...(r.applicationId ? { applicationId: r.applicationId } : {}) })

const toFields = (r: InvitationRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, r[f]])) as Fields
const toRecord = (doc: StoredDoc): InvitationRecord => ({
  id: doc._id,
  ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f] ?? null])) as Fields),
  ...(doc.kind === 'takeover' ? { kind: 'takeover' as const } : {}),
  ...(typeof doc.applicationId === 'string' ? { applicationId: doc.applicationId } : {}),
})

/** Invitations, one document each with _id = the keyed hash of the code, so a redemption reads it by _id in its transaction. */
export function invitationRepository(scope: Scope): InvitationRepository {
  const coll = () => scope.collection(INVITATIONS)
  return {
    async insert(rec) {
      await coll().add({ _id: rec.id, ...withKind(rec), [UNIT_PATH]: await unitPathOf(scope, rec.unitId) })
    },
    async get(id) {
      const doc = await readDoc(scope, INVITATIONS, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedStatus) {
      if (scope.inTransaction) {
        // A racing transaction that writes the same document conflicts: first writer wins.
        const doc = await readDoc(scope, INVITATIONS, rec.id)
        if (!doc || doc.status !== expectedStatus) return false
        await coll().doc(rec.id).set({ ...withKind(rec), [UNIT_PATH]: await unitPathOf(scope, rec.unitId) })
        return true
      }
      const { updated } = await coll().where({ _id: rec.id, status: expectedStatus }).update({ ...withKind(rec), [UNIT_PATH]: await unitPathOf(scope, rec.unitId) })
      return updated === 1
    },
    async listUnder(under, after, limit) {
      outsideTransaction(scope, 'invitations.listUnder')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, kind: 'staff', ...where })
      return (await readAfter(scope, query, 'createdAt', after && { value: after.createdAt, id: after.id }, limit, 'desc')).map(toRecord)
    },
    async countUnder(under) {
      outsideTransaction(scope, 'invitations.countUnder')
      return (await coll().where({ [UNIT_PATH]: under, kind: 'staff' }).count()).total ?? 0
    },
  }
}
