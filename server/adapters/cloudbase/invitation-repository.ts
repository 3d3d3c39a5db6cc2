import type { InvitationRecord, InvitationRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { INVITATIONS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readPage, type Scope, type StoredDoc } from './types'

/** `listByUnits` lists a jurisdiction's invitations newest first. */
export const INVITATIONS_COLLECTION = defineCollection(INVITATIONS, [{ keys: [['kind', 1], ['unitId', 1], ['createdAt', -1], ['_id', -1]] }])

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
      await coll().add({ _id: rec.id, ...withKind(rec) })
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
        await coll().doc(rec.id).set(withKind(rec))
        return true
      }
      const { updated } = await coll().where({ _id: rec.id, status: expectedStatus }).update(withKind(rec))
      return updated === 1
    },
    async listByUnits(unitIds, page) {
      outsideTransaction(scope, 'invitations.listByUnits')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`invitations.listByUnits takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0) return { items: [], total: 0 }
      const where = { kind: 'staff', unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'invitations.listByUnits', () => coll().where(where), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
  }
}
