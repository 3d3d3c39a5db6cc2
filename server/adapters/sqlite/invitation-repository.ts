import type { InvitationRecord, InvitationRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readPage } from './documents'

export function invitationRepository(db: Db): InvitationRepository {
  return {
    // Written while still in the status the caller read: a used or revoked code is not written over.
    ...guardedRows<InvitationRecord, InvitationRecord['status']>(db, 'invitations', { unit_id: (r) => r.unitId, status: (r) => r.status, created_at: (r) => r.createdAt, kind: (r) => r.kind ?? 'staff' }, 'status'),
    async listByUnits(unitIds, page) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      return readPage(db, `invitations WHERE kind = 'staff' AND unit_id IN (SELECT value FROM json_each(?))`, [JSON.stringify(unitIds)], 'created_at DESC, id DESC', page)
    },
  }
}
