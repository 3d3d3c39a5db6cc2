import type { AuditEvent, Cipher, Repositories } from '../../ports'

/** What a use case says about a change; the log adds order, time and the chain. */
export interface AuditInput {
  actor: string
  action: string
  subject: string
  detail?: Record<string, unknown>
}

const GENESIS = '0'.repeat(64)

/** The hash of an event: its fields in a fixed order, chained to the previous hash. */
export function auditHash(cipher: Cipher, e: Omit<AuditEvent, 'hash'>): string {
  return cipher.digest(JSON.stringify([e.seq, e.at, e.actor, e.action, e.subject, e.detail, e.prevHash]))
}

/** Appends an event to the hash-chained log; call inside the transaction of the change it records. */
export async function appendAudit(repos: Repositories, cipher: Cipher, at: Date, input: AuditInput): Promise<AuditEvent> {
  const head = await repos.audit.head()
  const base = {
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    detail: input.detail ?? {},
    prevHash: head?.hash ?? GENESIS,
  }
  const event: AuditEvent = { ...base, hash: auditHash(cipher, base) }
  if (!(await repos.audit.append(event))) throw new Error('audit sequence taken concurrently')
  return event
}

/** Walks the whole log; returns the first broken seq (changed, missing or reordered), or null when intact. */
export async function findAuditBreak(repos: Repositories, cipher: Cipher): Promise<{ seq: number; reason: string } | null> {
  let prev = { seq: 0, hash: GENESIS }
  for (;;) {
    const batch = await repos.audit.list(prev.seq + 1, 500)
    for (const e of batch) {
      if (e.seq !== prev.seq + 1) return { seq: prev.seq + 1, reason: 'missing event' }
      if (e.prevHash !== prev.hash) return { seq: e.seq, reason: 'chain broken' }
      const { hash, ...rest } = e
      if (auditHash(cipher, rest) !== hash) return { seq: e.seq, reason: 'event changed' }
      prev = { seq: e.seq, hash }
    }
    if (batch.length < 500) break
  }
  const head = await repos.audit.head()
  if (head && head.seq !== prev.seq) return { seq: prev.seq + 1, reason: 'missing event' }
  return null
}
