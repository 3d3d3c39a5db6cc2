import type { Actor } from '../../../src/domain'
import { formChanges, type FieldChange } from '../../../src/domain/form-changes'
import { meanwhileText, turnOf, type TurnView } from '../../../src/domain/turn'
import type { ApplicationRecord, Deps, OrgUnitRecord, Repositories } from '../../ports'
import { openForm, submittedForms } from '../shared/sealed-form'

/** At most this many names beside whose turn it is. */
const MAX_NAMES = 3

/**
 * Whose turn it is on the case, with names where known: the applicant by name; a caseworker or
 * reviewer by the active staff of that role whose jurisdiction covers the case (its unit and the
 * units above), the viewer first.
 */
export async function caseTurn(repos: Repositories, actor: Actor, rec: ApplicationRecord, unit: OrgUnitRecord, now: Date, mayAct: boolean): Promise<TurnView> {
  const base = turnOf(rec.status, rec.review ?? [], now)
  const turn = { ...base, meanwhile: meanwhileText(base, actor.roles, mayAct) }
  if (turn.actor === 'worker') return { ...turn, names: [rec.name] }
  const role = turn.actor
  if (role !== 'caseworker' && role !== 'reviewer') return { ...turn, names: [] }
  const { items } = await repos.staff.listByUnits(unit.path, { offset: 0, limit: 100 })
  const names = items
    .filter((s) => s.active && s.roles.includes(role) && s.displayName)
    .sort((a, b) => Number(b.openid === actor.openid) - Number(a.openid === actor.openid))
    .map((s) => (s.openid === actor.openid ? '您' : s.displayName))
  return { ...turn, names: names.slice(0, MAX_NAMES) }
}

/** Each resubmission's changes against the version it replaced, by the review entry's id. */
export function resubmissionChanges(deps: Deps, rec: ApplicationRecord): Record<string, FieldChange[]> {
  const out: Record<string, FieldChange[]> = {}
  const subs = submittedForms(rec)
  for (const e of rec.review ?? []) {
    if (e.kind !== 'resubmitted') continue
    const before = subs[e.submission - 1]?.formSealed
    const after = subs[e.submission]?.formSealed
    if (!before || !after) continue
    out[e.id] = formChanges(openForm(deps.cipher, before), openForm(deps.cipher, after), e.changedFields)
  }
  return out
}
