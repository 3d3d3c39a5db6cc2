/** A full export's receipt: deleting its file at once when the phone has it, or auditing its expiry. */
import type { Actor } from '../../../src/domain'
import type { Deps, Repositories } from '../../ports'
import { appendAudit } from './audit'
import { removeFiles } from './files'

/** The id of a full export (its folder `exports/full-<id>/`), or null for any other key. */
export const fullExportId = (key: string): string | null => /(?:^|\/)exports\/full-([\w-]{1,64})\//.exec(key)?.[1] ?? null

/** The claim that a full export is waiting for its receipt: held by `<openid> <file key>`. */
export const receiptOf = (id: string) => `export-receipt:${id}`
const AUDIT_SUBJECT = (id: string) => `export:${id}`

/**
 * Ends a full export's handover in one transaction: its receipt claim and sweep record go and an
 * audit event says how it ended (`received` by the phone that made it, or `expired` unreceived,
 * by the timer's sweep); the caller removes the file after the commit. False when it had ended.
 */
async function endHandover(deps: Deps, repos: Repositories, id: string, key: string, how: 'received' | 'expired', actor: string): Promise<boolean> {
  const claim = await repos.claims.get(receiptOf(id))
  if (!claim || claim.holder.slice(claim.holder.indexOf(' ') + 1) !== key) return false
  await repos.claims.release(receiptOf(id))
  await repos.uploads.remove(key)
  await appendAudit(repos, deps.cipher, deps.clock.now(), { actor, action: `export.${how}`, subject: AUDIT_SUBJECT(id), detail: { exportedBy: claim.holder.slice(0, claim.holder.indexOf(' ')) } })
  return true
}

/** `exportReceived`: the phone that made a full export has it; the file is deleted at once (see handOverExport). */
export async function exportReceived(deps: Deps, actor: Actor, input: { receipt: string }): Promise<{ removed: boolean }> {
  const claim = await deps.store.repos.claims.get(receiptOf(input.receipt))
  const space = claim?.holder.indexOf(' ') ?? -1
  // Someone else's receipt is no receipt: nothing is said about whether it exists.
  if (!claim || claim.holder.slice(0, space) !== actor.openid) return { removed: false }
  const key = claim.holder.slice(space + 1)
  const removed = await deps.store.transaction((repos) => endHandover(deps, repos, input.receipt, key, 'received', actor.openid))
  if (removed) await removeFiles(deps, [key])
  return { removed }
}

/** The timer's sweep of a full export not received within its link's minutes: audited as expired (the sweep removes the file). */
export async function expireHandover(deps: Deps, key: string): Promise<void> {
  const id = fullExportId(key)
  if (id) await deps.store.transaction((repos) => endHandover(deps, repos, id, key, 'expired', 'system:export-sweep'))
}

/** The local server sent a full export through its one-use link: the handover ends as received, the file is deleted. */
export async function exportServed(deps: Deps, key: string): Promise<void> {
  const id = fullExportId(key)
  if (!id) return
  if (await deps.store.transaction((repos) => endHandover(deps, repos, id, key, 'received', 'system:file-link'))) await removeFiles(deps, [key])
}
