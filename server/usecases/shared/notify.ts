import { statusMessage } from '../../../src/domain'
import { callIfUnreachable } from './call-tasks'
import type { ApplicationRecord, Deps, OutboxEntry, Repositories } from '../../ports'

/**
 * Tells the applicant their application reached its current status: an in-app message, and an
 * outbox entry for a WeChat subscribe message, keyed by application and version so it is sent once;
 * a decision no WeChat message can carry puts the case in the caseworker's 电话联系 list.
 * Call inside the transaction that changed the status.
 */
export async function notifyApplicant(deps: Deps, repos: Repositories, rec: ApplicationRecord, at: Date, note?: string): Promise<void> {
  const { title, body } = statusMessage(rec.status, rec.number, note)
  const iso = at.toISOString()
  await repos.messages.add({ id: deps.ids.newId(), openid: rec.applicantOpenid, title, body, applicationId: rec.id, createdAt: iso, readAt: null })
  await repos.outbox.enqueue(pendingEntry(`status:${rec.id}:${rec.version}`, 'status-changed', rec.applicantOpenid, { applicationId: rec.id, number: rec.number, status: rec.status, title, body }, iso))
  await callIfUnreachable(repos, rec, iso)
}

/** A new outbox entry, due at once. */
export function pendingEntry(key: string, kind: OutboxEntry['kind'], recipientOpenid: string, payload: Record<string, string>, iso: string): OutboxEntry {
  return { key, kind, recipientOpenid, payload, status: 'pending', attempts: 0, nextAttemptAt: iso, createdAt: iso, sentAt: null, lastError: null }
}
