import type { InvitationRecord, InvitationRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readAll } from './documents'
import { unitListCount, unitListPage, unitListStart } from './migration-unit-lists'

export function invitationRepository(db: Db): InvitationRepository {
  const count = db.prepare(unitListCount('invitations')).pluck()
  return {
    // Written while still in the status the caller read: a used or revoked code is not written over.
    ...guardedRows<InvitationRecord, InvitationRecord['status']>(db, 'invitations', { unit_id: (r) => r.unitId, status: (r) => r.status, created_at: (r) => r.createdAt, kind: (r) => r.kind ?? 'staff' }, 'status'),
    async listUnder(under, after, limit) {
      const start = unitListStart('invitations')
      return readAll(db, unitListPage('invitations'), under, after?.createdAt ?? start, after?.id ?? start, Math.max(0, limit))
    },
    async countUnder(under) {
      return count.get(under) as number
    },
  }
}
