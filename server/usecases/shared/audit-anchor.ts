import type { AuditAnchor, Cipher, Deps, Repositories } from '../../ports'
import { GENESIS } from './audit'

/** An anchor at most this often (the timer runs every minute); nothing new since the last one, no anchor. */
export const ANCHOR_EVERY_MS = 60 * 60 * 1000
/**
 * Heads are looked up from this long before the previous anchor: an event's time is taken before
 * its transaction commits, which CloudBase ends within its transaction lifetime, well inside this.
 */
const OVERLAP_MS = 5 * 60 * 1000

/** The hash of an anchor: its number, time, heads and the previous anchor's hash, under the audit key. */
export function anchorHash(cipher: Cipher, a: Omit<AuditAnchor, 'hash'>): string {
  return cipher.digest(JSON.stringify(['anchor', a.n, a.at, a.heads.map((h) => [h.stream, h.seq, h.hash]), a.prevHash]))
}

/** The admins of the top units (the city federation): they receive every anchor. */
async function topAdmins(repos: Repositories): Promise<string[]> {
  const roots = (await repos.units.children(null)).map((u) => u.id)
  if (!roots.length) return []
  const { items } = await repos.staff.listByUnits(roots, { offset: 0, limit: 1000 })
  return items.filter((s) => s.active && s.roles.includes('admin')).map((s) => s.openid)
}

/** The message that carries an anchor out of the database: the admins keep its number and hash, `audit:verify --anchor <n>:<hash>` checks against them (the README says how; the message names no command an admin cannot run from the app). */
export function anchorMessage(a: AuditAnchor): { title: string; body: string } {
  return {
    title: `审计锚点 第${a.n}号`,
    body: `第${a.n}号审计锚点，校验码：${a.hash}。它证明此刻以前的审计记录（${a.heads.length}条记录链）没有被改动或删除。请把编号和校验码另行保存：核验审计日志时需要它们（核验方法见系统说明）。`,
  }
}

/**
 * Anchors the audit log (run by the timers): the heads of every stream changed since the last
 * anchor, chained to it, stored, and sent to each admin of the top units as an in-app message.
 * The message is stored in the same database: it protects the log once an admin has kept its
 * number and hash elsewhere (the README says how). At most one per ANCHOR_EVERY_MS;
 * two timer runs at once store one (the anchor's number is unique). Returns the anchor, or null.
 */
export async function anchorAudit(deps: Deps, everyMs = ANCHOR_EVERY_MS): Promise<AuditAnchor | null> {
  const repos = deps.store.repos
  const now = deps.clock.now()
  const last = await repos.audit.lastAnchor()
  if (last && now.getTime() - Date.parse(last.at) < everyMs) return null
  const since = last ? new Date(Date.parse(last.at) - OVERLAP_MS).toISOString() : ''
  const known = new Map(last?.heads.map((h) => [h.stream, h.seq]))
  const heads = (await repos.audit.headsSince(since)).filter((h) => known.get(h.stream) !== h.seq).map(({ stream, seq, hash }) => ({ stream, seq, hash }))
  if (!heads.length) return null
  const base = { n: (last?.n ?? 0) + 1, at: now.toISOString(), heads, prevHash: last?.hash ?? GENESIS }
  const anchor: AuditAnchor = { ...base, hash: anchorHash(deps.cipher, base) }
  if (!(await repos.audit.addAnchor(anchor))) return null
  const { title, body } = anchorMessage(anchor)
  for (const openid of await topAdmins(repos)) {
    await repos.messages.add({ id: deps.ids.newId(), openid, title, body, applicationId: null, createdAt: anchor.at, readAt: null })
  }
  return anchor
}
