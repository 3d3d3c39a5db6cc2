import type { CheckRecord } from '../../../../src/domain/campaign'
import { CHECKS } from '../collections'
import type { StoredDoc } from '../types'
import { rewriteEachDocument, type CloudbaseMigration } from './migration'

/** The items with `changed: false` where it is missing, or null when every item says it already. */
function explicit(doc: StoredDoc): CheckRecord['items'] | null {
  const items = (doc.items ?? {}) as CheckRecord['items']
  const missing = Object.values(items).some((i) => i && i.changed === undefined)
  if (!missing) return null
  return Object.fromEntries(Object.entries(items).map(([k, i]) => [k, i && i.changed === undefined ? { ...i, changed: false } : i]))
}

/**
 * A 户户清 item may now be answered 有变化 (with evidence photos, in the new `household_evidence`
 * collection the deploy plan creates); the items recorded before were answered 核实清楚 or
 * 未核实清楚, none of them changed, and now say so (`changed: false`). Every check in _id order, a
 * batch at a time, the last _id done saved as progress; idempotent. SQLite: migration 43.
 */
export const itemChanged: CloudbaseMigration = {
  id: '015-item-changed',
  description: 'every recorded 户户清 item says whether it changed (those recorded before: no)',
  async run(ctx) {
    const changed = await rewriteEachDocument(ctx, CHECKS, 'items', explicit)
    ctx.log?.(`  ${changed} checks say of each item whether it changed`)
    return { changed }
  },
}
