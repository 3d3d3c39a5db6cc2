import { createHash } from 'node:crypto'
import { AppError } from '../../../src/domain'
import type { Repositories } from '../../ports'

/**
 * What a request id is bound to: who sent it, for which action, on which target. A retry (same
 * actor and request id) on the same action and target gets the first reply; the same id on another
 * action or target is refused, never answered with the first write's reply as if it had run.
 */
export interface WriteScope {
  /** The caller's openid. */
  actor: string
  /** The function and action, e.g. `review.startScreening`. */
  action: string
  /** The record written (a case, a household, an entry), or `contentTarget(input)` for a create. */
  target: string
  requestId: string | null
}

/** What is stored under a request id: the scope it was used for and the reply. */
interface StoredReply {
  action: string
  target: string
  reply: unknown
}

const CONTENT = 'content:'

/** The target of a write that creates its record: the content asked for, hashed (so a reused id for other content is refused). */
export const contentTarget = (input: unknown): string => `${CONTENT}${createHash('sha256').update(JSON.stringify(input)).digest('base64url')}`

const isStored = (v: unknown): v is StoredReply =>
  typeof v === 'object' && v !== null && typeof (v as StoredReply).action === 'string' && typeof (v as StoredReply).target === 'string'

/** Why a stored reply may not answer `scope`, or null when it may. */
function reuseProblem(stored: unknown, scope: WriteScope): string | null {
  if (!isStored(stored) || stored.action !== scope.action) return '这个请求编号已用于另一项操作，请刷新页面后重试'
  if (stored.target === scope.target) return null
  return stored.target.startsWith(CONTENT) ? '这个请求已经提交过不同的内容，请刷新页面查看结果后再操作' : '这个请求编号已用于另一条记录，请刷新页面后重试'
}

/**
 * Runs a write once per actor and request id, inside the caller's transaction: a reply stored for
 * the same action and target is returned as it is; one stored for another is CONFLICT; otherwise
 * the work runs and its reply is stored with the scope.
 */
export async function once<T>(repos: Repositories, scope: WriteScope, at: Date, work: () => Promise<T>): Promise<T> {
  if (scope.requestId === null) return work()
  const stored = await storedReply<T>(repos, scope)
  if (stored) return stored.reply
  const reply = await work()
  const record: StoredReply = { action: scope.action, target: scope.target, reply }
  await repos.idempotency.put(keyOf(scope), record, at.toISOString())
  return reply
}

const keyOf = (scope: WriteScope) => `request:${scope.actor}:${scope.requestId}`

/**
 * The reply stored for this request id (`{ reply }`), or null when none is: for a write done in
 * several transactions (a station import in batches), which looks before its first and stores
 * with `once` in its last. A reply stored for another action or target is CONFLICT.
 */
export async function storedReply<T>(repos: Repositories, scope: WriteScope): Promise<{ reply: T } | null> {
  if (scope.requestId === null) return null
  const stored = await repos.idempotency.get(keyOf(scope))
  if (stored === null) return null
  const problem = reuseProblem(stored, scope)
  if (problem) throw new AppError('CONFLICT', problem)
  return { reply: (stored as StoredReply).reply as T }
}

/** A create's reply kept on the record it wrote, under the request id's key and the content's target. */
export interface KeptReply<T> {
  key: string
  target: string
  reply: T
}

/**
 * The reply to keep on the record a create writes (undefined without a request id): the record's
 * own write holds it, so the create needs no idempotency document (one database write less).
 * A retry finds the record again (e.g. through the worker's open-application claim) and gets
 * `keptReply`'s answer.
 */
export const replyToKeep = <T>(scope: WriteScope, reply: T): KeptReply<T> | undefined =>
  scope.requestId === null ? undefined : { key: keyOf(scope), target: scope.target, reply }

/** The kept reply when it answers `scope` (same actor and request id, same content); CONFLICT for other content; null otherwise. */
export function keptReply<T>(kept: KeptReply<T> | undefined, scope: WriteScope): T | null {
  if (scope.requestId === null || !kept || kept.key !== keyOf(scope)) return null
  if (kept.target !== scope.target) throw new AppError('CONFLICT', '这个请求已经提交过不同的内容，请刷新页面查看结果后再操作')
  return kept.reply
}
