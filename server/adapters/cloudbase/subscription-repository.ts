import type { SubscriptionRecord, SubscriptionRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { SUBSCRIPTIONS } from './collections'
import { addNew, outsideTransaction, readDoc, type Scope, type StoredDoc } from './types'

/** The holders of a template's acceptances (the staff reminder reads them). */
export const SUBSCRIPTIONS_COLLECTION = defineCollection(SUBSCRIPTIONS, [{ keys: [['kind', 1], ['openid', 1], ['remaining', 1]] }])

const idOf = (openid: string, templateId: string) => `${templateId}:${openid}`
const toRecord = (doc: StoredDoc): SubscriptionRecord => ({ openid: String(doc.openid), templateId: String(doc.templateId), kind: String(doc.kind), remaining: Number(doc.remaining), updatedAt: String(doc.updatedAt) })

/**
 * Acceptances, one document per template and person. Counts change only by guarded updates
 * (`remaining` as read, or above zero), so two runs never spend the same acceptance.
 */
export function subscriptionRepository(scope: Scope): SubscriptionRepository {
  const coll = () => scope.collection(SUBSCRIPTIONS)
  const get = async (openid: string, templateId: string) => {
    const doc = await readDoc(scope, SUBSCRIPTIONS, idOf(openid, templateId))
    return doc && toRecord(doc)
  }
  const write = async (openid: string, templateId: string, guard: object, change: object) => {
    const { updated } = await coll().where({ _id: idOf(openid, templateId), ...guard }).update(change)
    return updated === 1
  }
  return {
    get,
    async accept(openid, templateId, kind, at, cap) {
      outsideTransaction(scope, 'subscriptions.accept')
      for (let attempt = 0; attempt < 5; attempt++) {
        const held = await get(openid, templateId)
        if (!held) {
          if (await addNew(scope, SUBSCRIPTIONS, idOf(openid, templateId), { openid, templateId, kind, remaining: Math.min(1, cap), updatedAt: at })) return Math.min(1, cap)
          continue
        }
        const next = Math.min(held.remaining + 1, cap)
        if (await write(openid, templateId, { remaining: held.remaining }, { remaining: next, updatedAt: at })) return next
      }
      throw new Error('subscriptions.accept: the count kept changing')
    },
    spend(openid, templateId, at) {
      outsideTransaction(scope, 'subscriptions.spend')
      return write(openid, templateId, { remaining: scope.command.gt(0) }, { remaining: scope.command.inc(-1), updatedAt: at })
    },
    async refund(openid, templateId, at) {
      outsideTransaction(scope, 'subscriptions.refund')
      await write(openid, templateId, {}, { remaining: scope.command.inc(1), updatedAt: at })
    },
    async clear(openid, templateId, at) {
      outsideTransaction(scope, 'subscriptions.clear')
      await write(openid, templateId, {}, { remaining: 0, updatedAt: at })
    },
    async holders(kind, limit) {
      outsideTransaction(scope, 'subscriptions.holders')
      const { data } = await coll().where({ kind, remaining: scope.command.gt(0) }).orderBy('openid', 'asc').limit(limit).get()
      return data.map(toRecord)
    },
  }
}
