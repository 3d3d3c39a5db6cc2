import type { SubscriptionRecord, SubscriptionRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne } from './documents'

interface Row {
  template_id: string
  openid: string
  kind: string
  remaining: number
  updated_at: string
}

const toRecord = (r: Row): SubscriptionRecord => ({ openid: r.openid, templateId: r.template_id, kind: r.kind, remaining: r.remaining, updatedAt: r.updated_at })

export function subscriptionRepository(db: Db): SubscriptionRepository {
  const set = (openid: string, templateId: string, sql: string, ...params: unknown[]) => changedOne(db, sql, ...params, templateId, openid)
  const get = (openid: string, templateId: string) => {
    const row = db.prepare('SELECT * FROM subscriptions WHERE template_id = ? AND openid = ?').get(templateId, openid) as Row | undefined
    return row ? toRecord(row) : null
  }
  return {
    async get(openid, templateId) {
      return get(openid, templateId)
    },
    async accept(openid, templateId, kind, at, cap) {
      db.prepare(
        `INSERT INTO subscriptions (template_id, openid, kind, remaining, updated_at) VALUES (?, ?, ?, min(1, ?), ?)
         ON CONFLICT (template_id, openid) DO UPDATE SET remaining = min(remaining + 1, ?), kind = excluded.kind, updated_at = excluded.updated_at`,
      ).run(templateId, openid, kind, cap, at, cap)
      return get(openid, templateId)?.remaining ?? 0
    },
    async spend(openid, templateId, at) {
      return set(openid, templateId, 'UPDATE subscriptions SET remaining = remaining - 1, updated_at = ? WHERE remaining > 0 AND template_id = ? AND openid = ?', at)
    },
    async refund(openid, templateId, at) {
      set(openid, templateId, 'UPDATE subscriptions SET remaining = remaining + 1, updated_at = ? WHERE template_id = ? AND openid = ?', at)
    },
    async clear(openid, templateId, at) {
      set(openid, templateId, 'UPDATE subscriptions SET remaining = 0, updated_at = ? WHERE template_id = ? AND openid = ?', at)
    },
    async holders(kind, limit) {
      const rows = db.prepare('SELECT * FROM subscriptions WHERE kind = ? AND remaining > 0 ORDER BY openid LIMIT ?').all(kind, limit) as Row[]
      return rows.map(toRecord)
    },
  }
}
