import type { ApplicationRecord, Repositories, RetentionSchedule } from '../../ports'

/** What one record's deletion leaves for the audit log (kinds and counts, never contents) and the files to remove after commit. */
export interface Deleted {
  action: string
  subject: string
  detail: Record<string, unknown>
  files: string[]
}

/**
 * A kind of personal record the retention schedule deletes: `scan` finds the due ones (a query,
 * oldest first, outside any transaction); `purge` deletes one inside its own transaction after
 * reading it again, or answers null when it is no longer due (changed or gone meanwhile), or
 * `marked` when the record held nothing to delete and is only marked so the next scans pass it.
 */
export interface RecordKind {
  kind: keyof RetentionSchedule
  scan(repos: Repositories, before: string, limit: number): Promise<string[]>
  purge(repos: Repositories, id: string, before: string, at: string, gathered?: readonly string[]): Promise<Deleted | 'marked' | null>
  /** Ids of the record's dependents that only a query finds (CloudBase runs none in a transaction): read before the purge's transaction, handed to it. */
  gather?(repos: Repositories, id: string): Promise<string[]>
}

/** The most evidence photos of one household a pass removes (the rest go with the next pass of the kind). */
const MAX_EVIDENCE_PER_PASS = 500

const isCall = (e: NonNullable<ApplicationRecord['review']>[number]) => e.kind === 'call'

/** The documents and photos of an application, as the audit names them, and their files. */
function documentsOf(rec: ApplicationRecord) {
  return { kinds: (rec.documents ?? []).map((d) => d.kind), photos: (rec.visitPhotos ?? []).length, files: [...(rec.documents ?? []), ...(rec.visitPhotos ?? [])].map((d) => d.storageKey) }
}

export const RECORD_KINDS: readonly RecordKind[] = [
  {
    kind: 'closedApplicationDocuments',
    scan: async (repos, before, limit) => (await repos.applications.closedBefore(before, limit)).map((a) => a.id),
    async purge(repos, id, before, at) {
      const rec = await repos.applications.get(id)
      if (!rec || !['rejected', 'withdrawn'].includes(rec.status) || rec.documentsPurgedAt || rec.updatedAt >= before) return null
      const gone = documentsOf(rec)
      const next: ApplicationRecord = { ...rec, documents: [], visitPhotos: [], documentsPurgedAt: at, version: rec.version + 1 }
      if (!(await repos.applications.update(next, rec.version))) return null
      return { action: 'retention.delete-documents', subject: `application:${rec.id}`, detail: { status: rec.status, closedAt: rec.updatedAt, documents: gone.kinds, visitPhotos: gone.photos }, files: gone.files }
    },
  },
  {
    kind: 'messages',
    scan: async (repos, before, limit) => (await repos.messages.createdBefore(before, limit)).map((m) => m.id),
    async purge(repos, id) {
      // Read in the transaction by its id: the scan's copy says when it was sent.
      return (await repos.messages.remove(id)) ? { action: 'retention.delete-message', subject: `message:${id}`, detail: {}, files: [] } : null
    },
  },
  {
    kind: 'requestReplies',
    scan: async (repos, before, limit) => (await repos.idempotency.storedBefore(before, limit)).map((r) => r.key),
    // The key names who sent the request and what it was: the audit names neither.
    purge: async (repos, key, before) => ((await repos.idempotency.remove(key, before)) ? { action: 'retention.delete-reply', subject: 'request-reply', detail: {}, files: [] } : null),
  },
  {
    kind: 'closedPersonRequests',
    scan: async (repos, before, limit) => (await repos.personRequests.closedBefore(before, limit)).map((r) => r.id),
    async purge(repos, id, before) {
      const rec = await repos.personRequests.get(id)
      if (!rec || rec.status === 'open' || !rec.closedAt || rec.closedAt >= before) return null
      if (!(await repos.personRequests.remove(id, rec.version))) return null
      return { action: 'retention.delete-person-request', subject: `application:${rec.applicationId}`, detail: { requestId: rec.id, kind: rec.kind, status: rec.status, closedAt: rec.closedAt }, files: [] }
    },
  },
  {
    kind: 'contactNotes',
    scan: async (repos, before, limit) => (await repos.contacts.notesBefore(before, limit)).map((c) => c.id),
    async purge(repos, id, _before, at) {
      if (!(await repos.contacts.clearNotes(id, at))) return null
      return { action: 'retention.delete-contact-notes', subject: `contact:${id}`, detail: {}, files: [] }
    },
  },
  {
    kind: 'callNotes',
    scan: async (repos, before, limit) => (await repos.applications.callNotesBefore(before, limit)).map((a) => a.id),
    async purge(repos, id, before, at) {
      const rec = await repos.applications.get(id)
      if (!rec || !['filed', 'rejected', 'withdrawn'].includes(rec.status) || rec.callNotesPurgedAt || rec.updatedAt >= before) return null
      const calls = (rec.review ?? []).filter((e) => isCall(e) && 'note' in e && e.note !== '').length
      const review = rec.review?.map((e) => (isCall(e) ? { ...e, note: '' } : e))
      const next: ApplicationRecord = { ...rec, ...(review ? { review } : {}), callNotesPurgedAt: at, version: rec.version + 1 }
      if (!(await repos.applications.update(next, rec.version))) return null
      // An application with no call note is only marked, so the scan passes it; nothing was deleted to audit.
      return calls ? { action: 'retention.delete-call-notes', subject: `application:${rec.id}`, detail: { status: rec.status, calls }, files: [] } : 'marked'
    },
  },
  {
    // The household's evidence photos (户户清 items answered 有变化, its deregistration proposals) go with its applications' documents.
    kind: 'deregisteredDocuments',
    scan: async (repos, before, limit) => (await repos.households.deregisteredBefore(before, limit)).map((h) => h.id),
    gather: async (repos, id) => (await repos.evidence.listByHousehold(id, MAX_EVIDENCE_PER_PASS)).map((e) => e.id),
    async purge(repos, id, before, at, evidenceIds = []) {
      const household = await repos.households.get(id)
      if (!household || household.status !== 'deregistered' || household.documentsPurgedAt || household.updatedAt >= before) return null
      const applications: { id: string; documents: string[]; visitPhotos: number }[] = []
      const files: string[] = []
      for (const appId of household.applicationIds) {
        const rec = await repos.applications.get(appId)
        if (!rec || rec.documentsPurgedAt) continue
        const gone = documentsOf(rec)
        const next: ApplicationRecord = { ...rec, documents: [], visitPhotos: [], documentsPurgedAt: at, version: rec.version + 1 }
        if (!(await repos.applications.update(next, rec.version))) throw new Error('application changed during the retention pass')
        applications.push({ id: rec.id, documents: gone.kinds, visitPhotos: gone.photos })
        files.push(...gone.files)
      }
      let evidence = 0
      for (const evidenceId of evidenceIds) {
        const e = await repos.evidence.get(evidenceId)
        if (!e || e.householdId !== household.id || !(await repos.evidence.remove(e.id))) continue
        files.push(e.storageKey)
        evidence++
      }
      if (!(await repos.households.update({ ...household, documentsPurgedAt: at, version: household.version + 1 }, household.version))) return null
      return { action: 'retention.delete-deregistered-documents', subject: `household:${household.id}`, detail: { deregisteredAt: household.updatedAt, applications, evidence }, files }
    },
  },
]
