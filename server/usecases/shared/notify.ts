import { statusMessage } from '../../../src/domain'
import type { ApplicationRecord, Deps, Repositories } from '../../ports'

/**
 * Tells the applicant their application reached its current status: an in-app message, and an
 * outbox entry for a WeChat subscribe message, keyed by application and version so it is sent once.
 * Call inside the transaction that changed the status.
 */
export async function notifyApplicant(deps: Deps, repos: Repositories, rec: ApplicationRecord, at: Date, note?: string): Promise<void> {
  const { title, body } = statusMessage(rec.status, rec.number, note)
  const iso = at.toISOString()
  await repos.messages.add({ id: deps.ids.newId(), openid: rec.applicantOpenid, title, body, applicationId: rec.id, createdAt: iso, readAt: null })
  await repos.outbox.enqueue({
    key: `status:${rec.id}:${rec.version}`,
    kind: 'status-changed',
    recipientOpenid: rec.applicantOpenid,
    payload: { applicationId: rec.id, number: rec.number, status: rec.status, title, body },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: iso,
    createdAt: iso,
    sentAt: null,
    lastError: null,
  })
}
