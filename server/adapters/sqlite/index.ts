import type { Repositories, Store } from '../../ports'
import { applicationRepository } from './application-repository'
import { auditRepository } from './audit-repository'
import { budgetRepository } from './budget-repository'
import { personRequestRepository } from './person-request-repository'
import { campaignRepository } from './campaign-repository'
import { checkRepository } from './check-repository'
import { claimRepository } from './claim-repository'
import { Mutex, openDatabase, type Db } from './connection'
import { contactRepository } from './contact-repository'
import { counterRepository } from './counter-repository'
import { householdRepository } from './household-repository'
import { idempotencyRepository } from './idempotency-repository'
import { invitationRepository } from './invitation-repository'
import { ledgerRepository } from './ledger-repository'
import { measureRepository } from './measure-repository'
import { messageRepository } from './message-repository'
import { orgUnitRepository } from './org-unit-repository'
import { outboxRepository } from './outbox-repository'
import { policyRepository } from './policy-repository'
import { problemReportRepository } from './problem-report-repository'
import { rateLimitRepository } from './rate-limit-repository'
import { staffRepository } from './staff-repository'
import { stationRepository } from './station-repository'
import { subscriptionRepository } from './subscription-repository'
import { uploadRepository } from './upload-repository'
import { callTaskRepository } from './call-task-repository'
import { withSqliteFigures } from './figure-storage'

/** Every repository bound to one connection. */
export function bindRepositories(db: Db): Repositories {
  return withSqliteFigures(db, {
    applications: applicationRepository(db),
    claims: claimRepository(db),
    counters: counterRepository(db),
    idempotency: idempotencyRepository(db),
    audit: auditRepository(db),
    staff: staffRepository(db),
    units: orgUnitRepository(db),
    policies: policyRepository(db),
    stations: stationRepository(db),
    problemReports: problemReportRepository(db),
    outbox: outboxRepository(db),
    messages: messageRepository(db),
    invitations: invitationRepository(db),
    rateLimits: rateLimitRepository(db),
    households: householdRepository(db),
    measures: measureRepository(db),
    ledger: ledgerRepository(db),
    budgets: budgetRepository(db),
    personRequests: personRequestRepository(db),
    contacts: contactRepository(db),
    campaigns: campaignRepository(db),
    checks: checkRepository(db),
    subscriptions: subscriptionRepository(db),
    uploads: uploadRepository(db),
    callTasks: callTaskRepository(db),
  })
}

/**
 * The embedded store: one SQLite connection, used by one request at a time. A transaction keeps
 * the connection across its awaits, so nothing else runs inside it; a single call outside a
 * transaction waits for the connection too. Inside `work`, use only the repositories it is given
 * (the plain ones would wait for the transaction to end).
 */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file)
  const mutex = new Mutex()
  const bound = bindRepositories(db)

  const guarded = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, fn]) => [name, (...args: unknown[]) => mutex.run(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
    ) as R

  const repos = Object.fromEntries(Object.entries(bound).map(([k, r]) => [k, guarded(r)])) as unknown as Repositories

  return {
    repos,
    transaction(work) {
      return mutex.run(async () => {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await work(bound)
          db.exec('COMMIT')
          return result
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw err
        }
      })
    },
    async close() {
      await mutex.run(async () => void db.close())
    },
  }
}
