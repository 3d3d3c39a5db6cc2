import { AppError } from '../../../src/domain/contract'
import type { Repositories, Store } from '../../ports'
import { applicationRepository } from './application-repository'
import { auditRepository } from './audit-repository'
import { budgetRepository } from './budget-repository'
import { personRequestRepository } from './person-request-repository'
import { campaignRepository } from './campaign-repository'
import { checkRepository } from './check-repository'
import { evidenceRepository } from './evidence-repository'
import { claimRepository } from './claim-repository'
import { contactRepository } from './contact-repository'
import { counterRepository } from './counter-repository'
import { householdRepository } from './household-repository'
import { idempotencyRepository } from './idempotency-repository'
import { invitationRepository } from './invitation-repository'
import { ledgerRepository } from './ledger-repository'
import { measureRepository } from './measure-repository'
import { orgUnitRepository } from './org-unit-repository'
import { policyRepository } from './policy-repository'
import { problemReportRepository } from './problem-report-repository'
import { messageRepository } from './message-repository'
import { outboxRepository } from './outbox-repository'
import { rateLimitRepository } from './rate-limit-repository'
import { getDb } from './sdk'
import { staffRepository } from './staff-repository'
import { stationRepository } from './station-repository'
import { subscriptionRepository } from './subscription-repository'
import { exportJobRepository } from './export-job-repository'
import { uploadRepository } from './upload-repository'
import { TRANSACTION_RETRY, withRetry, type RetryPolicy } from './retry'
import { callTaskRepository } from './call-task-repository'
import { withCloudFigures } from './figure-storage'
import { withCloudContactClocks } from './contact-clock-storage'
import type { Database, Scope, TransactionRef } from './types'

export { COLLECTIONS } from './collections'

/** The database a store works on, read when needed (the SDK is initialised on first use). */
type DatabaseOf = () => Database

function bindRepositories(scope: Scope, policy: RetryPolicy, db: DatabaseOf): Repositories {
  return withCloudFigures(scope, withCloudContactClocks(scope, {
    applications: applicationRepository(scope),
    claims: claimRepository(scope),
    counters: counterRepository(scope),
    idempotency: idempotencyRepository(scope),
    audit: auditRepository(scope),
    staff: staffRepository(scope),
    units: orgUnitRepository(scope),
    policies: policyRepository(scope),
    stations: stationRepository(scope),
    problemReports: problemReportRepository(scope),
    outbox: outboxRepository(scope),
    messages: messageRepository(scope),
    invitations: invitationRepository(scope),
    rateLimits: rateLimitRepository(scope),
    households: householdRepository(scope),
    measures: measureRepository(scope),
    ledger: ledgerRepository(scope),
    budgets: budgetRepository(scope),
    personRequests: personRequestRepository(scope),
    contacts: contactRepository(scope),
    campaigns: campaignRepository(scope),
    checks: checkRepository(scope),
    evidence: evidenceRepository(scope),
    subscriptions: subscriptionRepository(scope),
    uploads: uploadRepository(scope),
    exportJobs: exportJobRepository(scope),
    callTasks: callTaskRepository(scope),
  }), (work) => inTransaction(policy, db, (tx) => work(transactionScope(db, tx))))
}

const plainScope = (db: DatabaseOf): Scope => ({
  collection: (name) => db().collection(name),
  get command() {
    return db().command
  },
  inTransaction: false,
})

const transactionScope = (db: DatabaseOf, tx: TransactionRef): Scope => ({
  collection: (name) => tx.collection(name),
  command: db().command,
  inTransaction: true,
})

/**
 * The CloudBase store. The SDK is initialised on first use. `transaction` runs `work` in a
 * CloudBase transaction (`runTransaction` with no retries of its own: commit when it returns,
 * roll back and rethrow when it throws), so `work` must not have effects outside the repositories
 * it is given. A transaction conflict (another transaction wrote a document this one wrote first
 * or read in its snapshot) is transient: the whole of `work` runs again, after a jittered backoff,
 * reading the records afresh; so a stale version the user acted on still shows as `CONFLICT`
 * from `work` itself, and only a record still busy after every attempt gives the busy message.
 */
export function createCloudbaseStore(policy: RetryPolicy = TRANSACTION_RETRY, db: DatabaseOf = getDb): Store {
  return {
    repos: bindRepositories(plainScope(db), policy, db),
    transaction: <T>(work: (repos: Repositories) => Promise<T>): Promise<T> => inTransaction(policy, db, (tx) => work(bindRepositories(transactionScope(db, tx), policy, db))),
    async close() {},
  }
}

/** Runs `work` in a CloudBase transaction, again after a backoff on a conflict; a conflict left after every attempt is the busy message. */
async function inTransaction<T>(policy: RetryPolicy, db: DatabaseOf, work: (tx: TransactionRef) => Promise<T>): Promise<T> {
  try {
    return await withRetry(policy, isTransactionConflict, async () => (await db().runTransaction((tx) => work(tx), 0)) as T)
  } catch (err) {
    if (isTransactionConflict(err)) throw new AppError('CONFLICT', '当前办理的人较多，请稍后重试')
    throw err
  }
}

/** CloudBase's DATABASE_TRANSACTION_CONFLICT, or an audit stream's seq taken between reading and writing it. */
function isTransactionConflict(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code ?? '') : ''
  return code.includes('TRANSACTION_CONFLICT')
}
