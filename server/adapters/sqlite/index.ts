import type { Repositories, Store } from '../../ports'
import { applicationRepository } from './application-repository'
import { auditRepository } from './audit-repository'
import { budgetRepository } from './budget-repository'
import { personRequestRepository } from './person-request-repository'
import { campaignRepository } from './campaign-repository'
import { checkRepository } from './check-repository'
import { evidenceRepository } from './evidence-repository'
import { claimRepository } from './claim-repository'
import { isReadOnlyRefusal, openDatabase, openReader, type Db } from './connection'
import { checkpointInBackground } from './checkpointer'
import { groupCommit } from './group-commit'
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
import { exportJobRepository } from './export-job-repository'
import { uploadRepository } from './upload-repository'
import { callTaskRepository } from './call-task-repository'
import { withSqliteFigures } from './figure-storage'
import { withSqliteContactClocks } from './contact-clock-storage'

/** Every repository bound to one connection. */
export function bindRepositories(db: Db): Repositories {
  return withSqliteFigures(db, withSqliteContactClocks(db, {
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
    evidence: evidenceRepository(db),
    subscriptions: subscriptionRepository(db),
    uploads: uploadRepository(db),
    exportJobs: exportJobRepository(db),
    callTasks: callTaskRepository(db),
  }))
}

/**
 * The repository methods that only read (`A query.` in the ports), answered by the read-only
 * connection outside transactions. Any other method, and every call inside a transaction, goes
 * to the writing connection; a method listed here that writes after all is retried there.
 */
const QUERIES: { readonly [K in keyof Repositories]?: readonly (keyof Repositories[K])[] } = {
  applications: ['get', 'underOldKey', 'listByApplicant', 'stageCountsUnder', 'statusCountsUnder', 'getMany', 'byNumber', 'byName', 'closedBefore', 'callNotesBefore', 'assistedDrafts', 'returnedOverdue', 'noticesEnded', 'noticesUnder', 'countNoticesUnder'],
  claims: ['get'],
  idempotency: ['get', 'storedBefore'],
  audit: ['head', 'list', 'headsSince', 'anchors', 'lastAnchor'],
  staff: ['getByOpenid', 'listByUnits', 'listUnder', 'countUnder'],
  units: ['get', 'subtree', 'children', 'childPage', 'getMany'],
  policies: ['get'],
  stations: ['get', 'byExternalId', 'byExternalIds', 'nearby', 'list', 'listUnder', 'countUnder', 'countByKind'],
  problemReports: ['get', 'list', 'listUnder', 'countUnder'],
  outbox: ['due', 'get', 'listByStatus'],
  messages: ['listFor', 'unreadCount', 'createdBefore'],
  invitations: ['get', 'listUnder', 'countUnder'],
  rateLimits: ['get'],
  households: ['get', 'names', 'underOldKey', 'listPage', 'countUnder', 'search', 'deregisteredBefore'],
  measures: ['get', 'getMany', 'listByHousehold'],
  ledger: ['get', 'listByHousehold', 'pendingUnder', 'countPendingUnder', 'approvedUnder', 'countApprovedUnder'],
  budgets: ['get', 'getMany'],
  personRequests: ['get', 'openUnder', 'countOpenUnder', 'closedBefore'],
  contacts: ['listByHousehold', 'notesBefore'],
  campaigns: ['get', 'list', 'listFor', 'countFor'],
  checks: ['get', 'scan', 'countUnder'],
  subscriptions: ['get', 'holders'],
  uploads: ['olderThan'],
  exportJobs: ['get', 'due', 'expired'],
  callTasks: ['get', 'openUnder', 'countOpenUnder'],
  contactClocks: ['overdueCount', 'overdueLongest', 'filedCount'],
}

type Method = (...args: unknown[]) => Promise<unknown>

/**
 * The embedded store: two SQLite connections to one file in WAL mode. Writes use one connection,
 * one transaction at a time (group-commit.ts: those that queued meanwhile share its COMMIT): a
 * transaction keeps it across its awaits, so nothing else writes inside it, and a single write
 * outside a transaction waits its turn too. Queries outside transactions use the other, read-only
 * connection and wait for nothing: they see what was committed last. Inside `work`, use only the
 * repositories it is given: they read the transaction's own writes. With `backgroundCheckpoints`
 * (a long-running server), a worker thread checkpoints the log instead of the COMMITs (checkpointer.ts).
 */
export function openSqliteStore(file: string, options: { backgroundCheckpoints?: boolean } = {}): Store {
  const db = openDatabase(file)
  const reader = openReader(file)
  const checkpointer = options.backgroundCheckpoints ? checkpointInBackground(db, file) : null
  const writer = groupCommit(db)
  const bound = bindRepositories(db)
  const readBound = bindRepositories(reader)

  const route = (repo: keyof Repositories): object => {
    const queries = new Set<string>((QUERIES[repo] ?? []) as string[])
    const writes = bound[repo] as unknown as Record<string, Method>
    const reads = readBound[repo] as unknown as Record<string, Method>
    return Object.fromEntries(
      Object.keys(writes).map((name) => {
        const write = (...args: unknown[]) => writer.run(() => writes[name](...args))
        if (!queries.has(name)) return [name, write]
        return [name, (...args: unknown[]) => reads[name](...args).catch((err: unknown) => (isReadOnlyRefusal(err) ? write(...args) : Promise.reject(err)))]
      }),
    )
  }

  const repos = Object.fromEntries(Object.keys(bound).map((k) => [k, route(k as keyof Repositories)])) as unknown as Repositories

  return {
    repos,
    transaction(work) {
      return writer.run(() => work(bound))
    },
    async transactionKeeping(work) {
      // The kept writes are those before the savepoint `keep` opens; a throw after it rolls back
      // to it and settles the job (so the group commits them), then the error goes to the caller.
      const outcome = await writer.run(async (): Promise<{ ok: true; value: Awaited<ReturnType<typeof work>> } | { ok: false; err: unknown }> => {
        let kept = false
        const keep = (): void => {
          if (kept) throw new Error('keep() called twice')
          db.exec('SAVEPOINT kept')
          kept = true
        }
        try {
          const value = await work(bound, keep)
          if (kept) db.exec('RELEASE kept')
          return { ok: true, value }
        } catch (err) {
          if (!kept || !db.inTransaction) throw err
          db.exec('ROLLBACK TO kept')
          db.exec('RELEASE kept')
          return { ok: false, err }
        }
      })
      if (!outcome.ok) throw outcome.err
      return outcome.value
    },
    async close() {
      await writer.idle()
      await checkpointer?.stop()
      reader.close()
      db.close()
    },
  }
}
