import type { AuditEvent, Cipher, Deps, Repositories } from '../../ports'

/** What a use case says about a change; the log adds the stream, order, time and the chain. */
export interface AuditInput {
  actor: string
  action: string
  subject: string
  detail?: Record<string, unknown>
}

export const GENESIS = '0'.repeat(64)

/** The one chain of the union before issue 11, kept as it was (its hashes do not cover a stream). */
export const LEGACY_STREAM = 'legacy'

/**
 * The stream of an event: the kind of record (the action's first word) and its id, e.g.
 * `application:<id>`, `household:<id>`, `station:<id>`, `staff:<openid>`. Events about one record
 * share a chain; events about different records never touch the same documents.
 */
export const auditStream = (input: Pick<AuditInput, 'action' | 'subject'>): string => `${input.action.split('.')[0]}:${input.subject}`

/** The hash of an event: its fields in a fixed order, chained to the previous hash of its stream. */
export function auditHash(cipher: Cipher, e: Omit<AuditEvent, 'hash'>): string {
  const fields = [e.seq, e.at, e.actor, e.action, e.subject, e.detail, e.prevHash]
  return cipher.digest(JSON.stringify(e.stream === LEGACY_STREAM ? fields : [e.stream, ...fields]))
}

/**
 * The stream's next seq was taken by another writer between reading its head and appending.
 * Carries a transaction-conflict code, so a CloudBase transaction is run again (with backoff).
 */
export class AuditSeqTaken extends Error {
  readonly code = 'TRANSACTION_CONFLICT_AUDIT_SEQ'
  constructor() {
    super('audit sequence taken concurrently')
  }
}

/** Appends an event to its record's chain; call inside the transaction of the change it records. */
export async function appendAudit(repos: Repositories, cipher: Cipher, at: Date, input: AuditInput): Promise<AuditEvent> {
  const stream = auditStream(input)
  const head = await repos.audit.head(stream)
  const base = {
    stream,
    seq: (head?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    subject: input.subject,
    detail: input.detail ?? {},
    prevHash: head?.hash ?? GENESIS,
  }
  const event: AuditEvent = { ...base, hash: auditHash(cipher, base) }
  if (!(await repos.audit.append(event))) throw new AuditSeqTaken()
  return event
}

/** Attempts of an audited read's event before the read fails (each one a head read and an insert): one writer of the stream wins each round. */
const READ_ATTEMPTS = 16

/**
 * Records an audited read (a reveal, a document view, a draft read back in full, an export) after
 * the read, outside any transaction: a read never holds a business transaction open or makes one
 * conflict. Another event taking the stream's next seq first is simply followed by the next one.
 */
export async function auditRead(deps: Deps, input: AuditInput): Promise<AuditEvent> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendAudit(deps.store.repos, deps.cipher, deps.clock.now(), input)
    } catch (err) {
      if (!(err instanceof AuditSeqTaken) || attempt >= READ_ATTEMPTS) throw err
      await new Promise((done) => setTimeout(done, Math.random() * Math.min(200, 5 * 2 ** attempt)))
    }
  }
}
