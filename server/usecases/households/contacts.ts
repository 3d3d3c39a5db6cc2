import type * as v from 'valibot'
import { AppError, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { shanghaiDateOf } from '../../../src/domain/calendar'
import { lastFiledOn } from '../../../src/domain/household'
import type { ContactInputSchema } from '../../../src/domain/household-schemas'
import { futureDateProblem } from '../../../src/domain/schema-parts'
import type { CallContext, ContactRecord, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { staffNameOf } from './access'
import { writeHouseholdFile } from './file-write'
import { CASE_ROLES, requireFiled, saveHousehold } from './household-write'

/**
 * Logs a visit, call or other contact with a filed household (结对帮扶记录). The contact and the
 * household's `lastContactOn` (which lists and the overdue flag read) are written in one
 * transaction. A contact may be logged late, so `lastContactOn` keeps the latest day, not the last
 * one logged; dates before the (latest) filing or after today are refused.
 */
export async function addContact(deps: Deps, actor: Actor, input: v.InferOutput<typeof ContactInputSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'addContact', roles: CASE_ROLES }, async ({ repos, rec, now }) => {
    requireFiled(rec, '登记联系记录')
    const future = futureDateProblem(input.on, shanghaiDateOf(now), 'on', '联系日期')
    if (future) throw new AppError('VALIDATION', future.message, future.field)
    const filedOn = lastFiledOn(rec.history) ?? shanghaiDateOf(rec.filedAt)
    if (input.on < filedOn) throw new AppError('VALIDATION', `联系日期不能早于建档日期（${filedOn}）`, 'on')
    const at = now.toISOString()
    const contact: ContactRecord = {
      id: deps.ids.newId(),
      householdId: rec.id,
      unitId: rec.unitId,
      kind: input.kind,
      on: input.on,
      notes: input.notes,
      nextStep: input.nextStep,
      by: actor.openid,
      byName: await staffNameOf(repos, actor.openid),
      createdAt: at,
    }
    await repos.contacts.add(contact)
    // A contact logged late for an earlier day leaves the file (and its version) as it was.
    if (rec.lastContactOn === null || input.on > rec.lastContactOn) {
      await saveHousehold(repos, { ...rec, lastContactOn: input.on, version: rec.version + 1, updatedAt: at }, rec.version)
    }
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'household.contact.add', subject: rec.id, detail: { contactId: contact.id, kind: contact.kind } })
    return { contactId: contact.id }
  })
}
