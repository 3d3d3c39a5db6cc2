import type { ActionInput, ActionName } from '@/domain/api'
import type { HouseholdAction } from '@/domain/api/households'
import { call, newRequestId } from './client'

/*
 * The `households` function: filed households, their aid ledger, the paired cadres' contacts,
 * deregistration, the 户户清 campaign, the dashboard and exports. Imported from the households and
 * dashboard subpackages only, so none of it weighs on the main package.
 */

type Input<A extends ActionName<'households'>> = ActionInput<'households', A>

/** One page of the jurisdiction's households, by file number. */
export function listHouseholds(input: Input<'list'>) {
  return call('households', 'list', input)
}

/** The household file: header, cadres, measures, ledger, contacts, history and what the caller may do. */
export function getHousehold(householdId: string) {
  return call('households', 'get', { householdId })
}

/** What a change to a household sends, by action. */
export type HouseholdWriteInput<A extends HouseholdAction> = ActionInput<'households', A>

/**
 * A change to a household file; the reply is the file as it is afterwards. `requestId` makes a
 * retried tap return the first reply instead of writing twice (money above all).
 */
export function changeHousehold<A extends HouseholdAction>(action: A, input: HouseholdWriteInput<A>, requestId: string = newRequestId()) {
  return call('households', action, input, { requestId })
}

/**
 * Staff for a picker: cadres to pair, or reviewers who approve money. With `householdId`, staff
 * of the household's unit and of the units above it (a reviewer of the city federation approves
 * for a township's household); without, staff of the caller's jurisdiction.
 */
export function staffChoices(role?: 'caseworker' | 'reviewer', householdId?: string) {
  return call('households', 'staffChoices', { ...(role ? { role } : {}), ...(householdId ? { householdId } : {}) })
}

/** The 户户清 campaigns, newest first. */
export function listCampaigns(page = 1, pageSize = 20) {
  return call('households', 'campaigns', { page, pageSize })
}

/** An admin opens a campaign for a period and units. */
export function openCampaign(input: Input<'openCampaign'>, requestId: string = newRequestId()) {
  return call('households', 'openCampaign', input, { requestId })
}

/** An admin closes a campaign at the version they saw. */
export function closeCampaign(campaignId: string, expectedVersion: number, requestId: string = newRequestId()) {
  return call('households', 'closeCampaign', { campaignId, expectedVersion }, { requestId })
}

/** A campaign's progress per unit and a page of its households. */
export function getCampaign(input: Input<'campaign'>) {
  return call('households', 'campaign', input)
}

/** One household's check in a campaign. */
export function getCheck(campaignId: string, householdId: string) {
  return call('households', 'check', { campaignId, householdId })
}

/** Confirms (or marks unclear, with a note) one of the six items. */
export function confirmItem(input: Input<'confirmItem'>, requestId: string = newRequestId()) {
  return call('households', 'confirmItem', input, { requestId })
}

/** The check's outcome: keep with difficulties and tasks, or propose deregistration. */
export function setOutcome(input: Input<'setOutcome'>, requestId: string = newRequestId()) {
  return call('households', 'setOutcome', input, { requestId })
}

/** The dashboard's figures for a date range (and a unit's subtree). */
export function dashboard(input: Input<'dashboard'>) {
  return call('households', 'dashboard', input)
}

/** Households in the national file form's column order, as a file. */
export function exportHouseholds(input: Input<'exportHouseholds'>) {
  return call('households', 'exportHouseholds', input)
}

/** The aid ledger (of a period), as a file. */
export function exportLedger(input: Input<'exportLedger'>) {
  return call('households', 'exportLedger', input)
}
