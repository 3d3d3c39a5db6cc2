import { EXPORT_JOBS_COLLECTION } from './export-job-repository'
import { APPLICATIONS_COLLECTION } from './application-repository'
import { AUDIT_ANCHORS_COLLECTION, AUDIT_EVENTS_COLLECTION, AUDIT_HEADS_COLLECTION } from './audit-repository'
import { BUDGETS_COLLECTION } from './budget-repository'
import { PERSON_REQUESTS_COLLECTION } from './person-request-repository'
import { CAMPAIGNS_COLLECTION } from './campaign-repository'
import { CHECKS_COLLECTION } from './check-repository'
import { HOUSEHOLD_EVIDENCE_COLLECTION } from './evidence-repository'
import { CLAIMS_COLLECTION } from './claim-repository'
import { defineCollection, type CollectionDeclaration } from './collection-schema'
import { SMOKE_RUNS } from './collections'
import { CONTACTS_COLLECTION } from './contact-repository'
import { MESSAGES_COLLECTION } from './message-repository'
import { MIGRATION_RECORDS_COLLECTION } from './migrations/records'
import { OUTBOX_COLLECTION } from './outbox-repository'
import { COUNTERS_COLLECTION } from './counter-repository'
import { HOUSEHOLDS_COLLECTION } from './household-repository'
import { IDEMPOTENCY_COLLECTION } from './idempotency-repository'
import { INVITATIONS_COLLECTION } from './invitation-repository'
import { DISBURSEMENTS_COLLECTION } from './ledger-repository'
import { MEASURES_COLLECTION } from './measure-repository'
import { ORG_UNITS_COLLECTION } from './org-unit-repository'
import { POLICIES_COLLECTION } from './policy-repository'
import { PROBLEM_REPORTS_COLLECTION } from './problem-report-repository'
import { RATE_LIMITS_COLLECTION } from './rate-limit-repository'
import { STAFF_COLLECTION } from './staff-repository'
import { STATIONS_COLLECTION } from './station-repository'
import { SUBSCRIPTIONS_COLLECTION } from './subscription-repository'
import { UPLOADS_COLLECTION } from './upload-repository'
import { CALL_TASKS_COLLECTION } from './call-task-repository'
import { CONTACT_CLOCKS_COLLECTION, FILED_SPELLS_COLLECTION, OVERDUE_SPELLS_COLLECTION } from './contact-clock-storage'
import { FIGURE_MARKS_COLLECTION, FIGURE_ROWS_COLLECTION, FIGURE_SNAPSHOTS_COLLECTION } from './figure-storage'
import { LEDGER_TALLIES_COLLECTION } from './ledger-tallies'

/**
 * Every collection of the CloudBase database with its indexes: what `npm run deploy` creates.
 * test/deploy checks it against the queries the repositories send and against `COLLECTIONS`.
 */
export const COLLECTION_DECLARATIONS: readonly CollectionDeclaration[] = [
  APPLICATIONS_COLLECTION,
  CLAIMS_COLLECTION,
  COUNTERS_COLLECTION,
  IDEMPOTENCY_COLLECTION,
  AUDIT_EVENTS_COLLECTION,
  AUDIT_HEADS_COLLECTION,
  AUDIT_ANCHORS_COLLECTION,
  STAFF_COLLECTION,
  ORG_UNITS_COLLECTION,
  POLICIES_COLLECTION,
  STATIONS_COLLECTION,
  PROBLEM_REPORTS_COLLECTION,
  OUTBOX_COLLECTION,
  MESSAGES_COLLECTION,
  INVITATIONS_COLLECTION,
  RATE_LIMITS_COLLECTION,
  HOUSEHOLDS_COLLECTION,
  MEASURES_COLLECTION,
  DISBURSEMENTS_COLLECTION,
  BUDGETS_COLLECTION,
  CONTACTS_COLLECTION,
  CAMPAIGNS_COLLECTION,
  CHECKS_COLLECTION,
  HOUSEHOLD_EVIDENCE_COLLECTION,
  SUBSCRIPTIONS_COLLECTION,
  UPLOADS_COLLECTION,
  MIGRATION_RECORDS_COLLECTION,
  // Read and written by _id only (server/cloud/smoke-pass.ts, scripts/smoke).
  defineCollection(SMOKE_RUNS),
  PERSON_REQUESTS_COLLECTION,
  CALL_TASKS_COLLECTION,
  FIGURE_ROWS_COLLECTION,
  FIGURE_SNAPSHOTS_COLLECTION,
  FIGURE_MARKS_COLLECTION,
  EXPORT_JOBS_COLLECTION,
  CONTACT_CLOCKS_COLLECTION,
  OVERDUE_SPELLS_COLLECTION,
  FILED_SPELLS_COLLECTION,
  LEDGER_TALLIES_COLLECTION,
]
