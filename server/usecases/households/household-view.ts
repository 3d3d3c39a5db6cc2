import { hasRole, type Actor } from '../../../src/domain'
import { fileRows, onFilePart } from '../../../src/domain/field-rows'
import { MEMBER_FIELDS } from '../../../src/domain/form-fields'
import { HOUSEHOLD_ACTIONS, type HouseholdAction, type HouseholdView, type LedgerLine } from '../../../src/domain/api/households'
import { HOUSEHOLD_EVENT_ROLES, pendingDeregistration, type ContactEntry, type HouseholdEventKind, type Measure } from '../../../src/domain/household'
import { reversalOf, totalsBySource, type DisbursementEntry } from '../../../src/domain/ledger'
import type { ContactRecord, Deps, HouseholdRecord, MeasureRecord, OrgUnitRecord, Repositories } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { contactOverdueDays, toHouseholdItem } from './access'

/** How many of the latest contacts the household page shows. */
export const RECENT_CONTACTS = 20

/**
 * What `actor` may do on the household now, by role and state; the use cases enforce the same
 * rules (and the ones a page cannot know in advance, such as a budget's rest).
 */
export function householdActions(actor: Actor, rec: HouseholdRecord, measures: readonly Measure[], ledger: readonly DisbursementEntry[]): HouseholdAction[] {
  const caseStaff = hasRole(actor, 'caseworker') || hasRole(actor, 'reviewer')
  const may = (kind: HouseholdEventKind) => HOUSEHOLD_EVENT_ROLES[kind].some((r) => hasRole(actor, r))
  const filed = rec.status === 'filed'
  const pending = pendingDeregistration(rec.history)
  const allowed: Record<HouseholdAction, boolean> = {
    addMeasure: caseStaff && filed,
    updateMeasure: caseStaff && measures.some((m) => m.status !== 'ended'),
    recordPayment: caseStaff && filed,
    reversePayment: caseStaff && ledger.some((e) => e.kind === 'payment' && e.status === 'approved' && !reversalOf(ledger, e.id)),
    addContact: caseStaff && filed,
    assignCadre: may('cadre-assigned') && filed,
    removeCadre: may('cadre-removed') && rec.cadres.length > 0,
    proposeDeregistration: may('deregistration-proposed') && filed && !pending,
    decideDeregistration: may('deregistered') && pending !== null && pending.by !== actor.openid,
  }
  return HOUSEHOLD_ACTIONS.filter((a) => allowed[a])
}

const measureOf = ({ unitId: _unit, ...m }: MeasureRecord): Measure => m
const contactOf = ({ unitId: _unit, ...c }: ContactRecord): ContactEntry => c

/** Ledger lines with whether each payment was reversed (an approved reversal) or has a reversal waiting. */
export function ledgerLines(entries: readonly DisbursementEntry[]): LedgerLine[] {
  return entries.map((e) => {
    const reversal = e.kind === 'payment' ? reversalOf(entries, e.id) : null
    return { ...e, reversed: reversal?.status === 'approved', reversalPending: reversal?.status === 'pending' }
  })
}

/** What the file shows of the latest filing application's form (members, and the registry's other `file` fields), masked; nothing for a file without one. */
async function filingOf(deps: Deps, repos: Repositories, rec: HouseholdRecord): Promise<Pick<HouseholdView, 'members' | 'filing' | 'filingApplicationId'>> {
  const applicationId = rec.applicationIds.at(-1)
  const app = applicationId ? await repos.applications.get(applicationId) : null
  const form = app && currentForm(app, deps.cipher)
  if (!form) return { members: [], filing: [], filingApplicationId: null }
  return { members: form.members.map((m) => onFilePart(MEMBER_FIELDS, m)), filing: fileRows(form), filingApplicationId: app.id }
}

/** The household page: the file, its measures, ledger and totals, the latest contacts, and the actions. Queries. */
export async function toHouseholdView(deps: Deps, repos: Repositories, actor: Actor, rec: HouseholdRecord, unit: OrgUnitRecord): Promise<HouseholdView> {
  const [measures, ledger, contacts, overdueDays] = await Promise.all([
    repos.measures.listByHousehold(rec.id),
    repos.ledger.listByHousehold(rec.id),
    repos.contacts.listByHousehold(rec.id, { offset: 0, limit: RECENT_CONTACTS }),
    contactOverdueDays(repos, unit),
  ])
  const totals = totalsBySource(ledger)
  const filing = await filingOf(deps, repos, rec)
  const plainMeasures = measures.map(measureOf)
  return {
    ...toHouseholdItem(rec, unit.name, deps.clock.now(), overdueDays),
    version: rec.version,
    ...filing,
    history: rec.history,
    measures: plainMeasures,
    ledger: ledgerLines(ledger),
    fundsBySource: totals.bySource,
    fundsTotalFen: totals.totalFen,
    contacts: contacts.items.map(contactOf),
    actions: householdActions(actor, rec, plainMeasures, ledger),
    mayReveal: actor.roles.includes('caseworker') || actor.roles.includes('reviewer'),
  }
}
