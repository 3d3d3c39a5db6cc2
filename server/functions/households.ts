import { listCampaigns, openCampaign, closeCampaign, getCampaign, getCheck, confirmItem, setOutcome } from '../usecases/households/campaigns'
import { assignCadre, removeCadre } from '../usecases/households/cadres'
import { addContact } from '../usecases/households/contacts'
import { householdDashboard } from '../usecases/households/dashboard'
import { decideDeregistration, proposeDeregistration } from '../usecases/households/deregistration'
import { exportHouseholds, exportLedger } from '../usecases/households/export'
import { recordPayment, reversePayment } from '../usecases/households/ledger'
import { addMeasure, updateMeasure } from '../usecases/households/measures'
import { getHousehold, listHouseholds, staffChoices } from '../usecases/households/read'
import { defineFunction } from './define'

const STAFF = ['caseworker', 'reviewer', 'admin'] as const
const CASE_STAFF = ['caseworker', 'reviewer'] as const

/**
 * Filed households of the caller's jurisdiction: the file, aid measures, the ledger, the paired
 * cadres' contacts, deregistration, the 户户清 campaign, the dashboard and exports. The table names
 * the roles of each action; the use cases check the jurisdiction and each rule's own role.
 */
export const households = defineFunction('households', {
  list: { roles: STAFF, run: listHouseholds },
  get: { roles: STAFF, run: getHousehold },
  addMeasure: { roles: CASE_STAFF, run: addMeasure },
  updateMeasure: { roles: CASE_STAFF, run: updateMeasure },
  recordPayment: { roles: CASE_STAFF, run: recordPayment },
  reversePayment: { roles: CASE_STAFF, run: reversePayment },
  addContact: { roles: CASE_STAFF, run: addContact },
  assignCadre: { roles: ['reviewer', 'admin'], run: assignCadre },
  removeCadre: { roles: ['reviewer', 'admin'], run: removeCadre },
  proposeDeregistration: { roles: CASE_STAFF, run: proposeDeregistration },
  decideDeregistration: { roles: ['reviewer'], run: decideDeregistration },
  staffChoices: { roles: STAFF, run: staffChoices },
  campaigns: { roles: STAFF, run: listCampaigns },
  openCampaign: { roles: ['admin'], run: openCampaign },
  closeCampaign: { roles: ['admin'], run: closeCampaign },
  campaign: { roles: STAFF, run: getCampaign },
  check: { roles: STAFF, run: getCheck },
  confirmItem: { roles: CASE_STAFF, run: confirmItem },
  setOutcome: { roles: CASE_STAFF, run: setOutcome },
  dashboard: { roles: STAFF, run: householdDashboard },
  exportHouseholds: { roles: STAFF, run: exportHouseholds },
  exportLedger: { roles: STAFF, run: exportLedger },
})
