import { listCampaigns, openCampaign, closeCampaign, getCampaign, getCheck, confirmItem, setOutcome } from '../usecases/households/campaigns'
import { assignCadre, removeCadre } from '../usecases/households/cadres'
import { checkPack } from '../usecases/households/check-pack'
import { addContact } from '../usecases/households/contacts'
import { householdDashboard } from '../usecases/households/dashboard'
import { decideDeregistration, proposeDeregistration } from '../usecases/households/deregistration'
import { exportHouseholds, exportLedger } from '../usecases/households/export'
import { exportReceived } from '../usecases/shared/export-receipts'
import { exportStatus, startHouseholdExport } from '../usecases/households/export-jobs'
import { startLedgerExport } from '../usecases/households/ledger-export-job'
import { listBudgets, setBudget } from '../usecases/households/budgets'
import { recordPayment, reversePayment } from '../usecases/households/ledger'
import { decideLedgerEntry, pendingLedger } from '../usecases/households/ledger-decisions'
import { addMeasure, updateMeasure } from '../usecases/households/measures'
import { getHousehold, listHouseholds, staffChoices } from '../usecases/households/read'
import { prepareEvidenceUpload, registerEvidence, viewEvidence } from '../usecases/households/evidence'
import { defineFunction } from './define'

/**
 * Filed households of the caller's jurisdiction: the file, aid measures, the ledger, the paired
 * cadres' contacts, deregistration, the 户户清 campaign, the dashboard and exports. The contract names
 * the roles of each action; the use cases check the jurisdiction and each rule's own role.
 */
export const households = defineFunction('households', {
  list: listHouseholds,
  get: getHousehold,
  addMeasure,
  updateMeasure,
  recordPayment,
  reversePayment,
  pendingLedger,
  decideLedgerEntry,
  budgets: listBudgets,
  setBudget,
  addContact,
  assignCadre,
  removeCadre,
  proposeDeregistration,
  decideDeregistration,
  staffChoices,
  campaigns: listCampaigns,
  openCampaign,
  closeCampaign,
  campaign: getCampaign,
  check: getCheck,
  checkPack,
  confirmItem,
  setOutcome,
  prepareEvidenceUpload,
  registerEvidence,
  viewEvidence,
  dashboard: householdDashboard,
  exportHouseholds,
  startHouseholdExport,
  startLedgerExport,
  exportStatus,
  exportLedger,
  exportReceived,
})
