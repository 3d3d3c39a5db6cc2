import type * as v from 'valibot'
import { AppError, hasRole, maskName, type Actor } from '../../../src/domain'
import type { PendingEntry, PendingLedgerPage } from '../../../src/domain/api/households'
import { decideEntry, type DisbursementEntry } from '../../../src/domain/ledger'
import type { DecideLedgerEntrySchema } from '../../../src/domain/ledger-schemas'
import type { CallContext, Deps, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { once } from '../shared/idempotency'
import { unitInJurisdiction } from '../shared/jurisdiction'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { householdRoot, requireStaff, staffNameOf } from './access'
import { commitToBudget } from './budget-charge'
import { CASE_ROLES, staffCovering, writeScope } from './household-write'

/**
 * The second pair of eyes on the ledger: the pending list of a jurisdiction, and a reviewer's
 * decision on one entry. The decider is an active reviewer whose jurisdiction covers the
 * household and who did not record the entry.
 */

/** What a decision does to the budget the entry drew on: a rejected payment gives its amount back, so does an approved reversal. */
function budgetDelta(entry: DisbursementEntry, decision: 'approved' | 'rejected'): number {
  if (entry.kind === 'payment') return decision === 'rejected' ? -entry.amountFen : 0
  return decision === 'approved' ? entry.amountFen : 0
}

/** A pending-list line: the entry with its household's number, masked head and unit, and what the caller may do. */
async function toPendingEntry(repos: Repositories, actor: Actor, entry: DisbursementEntry, unitNames: ReadonlyMap<string, string>): Promise<PendingEntry> {
  const household = await repos.households.get(entry.householdId)
  const mine = entry.recordedBy === actor.openid
  return {
    entry,
    householdNumber: household?.number ?? '',
    headNameMasked: household ? maskName(household.headName) : '',
    unitName: unitNames.get(entry.unitId) ?? (await repos.units.get(entry.unitId))?.name ?? '',
    mine,
    mayDecide: entry.status === 'pending' && !mine && hasRole(actor, 'reviewer'),
  }
}

/**
 * Approves or rejects one pending entry (a payment or a reversal). Outside the jurisdiction the
 * entry is NOT_FOUND; its recorder may not decide it (FORBIDDEN); decided already is CONFLICT. The
 * decision, the budget's share and the audit event land in one transaction.
 */
export async function decideLedgerEntry(deps: Deps, actor: Actor, input: v.InferOutput<typeof DecideLedgerEntrySchema>, ctx: CallContext): Promise<PendingEntry> {
  requireStaff(actor, ['reviewer'])
  const now = deps.clock.now()
  await deps.store.transaction((repos) =>
    once(repos, writeScope('decideLedgerEntry', actor, ctx, input.entryId), now, async () => {
      // Outside the jurisdiction as if missing: ids say nothing about other jurisdictions.
      const entry = await repos.ledger.get(input.entryId)
      const unit = entry && (await unitInJurisdiction(repos, actor, entry.unitId))
      if (!entry || !unit) throw new AppError('NOT_FOUND', '没有找到这笔记录', 'entryId')
      if (!(await staffCovering(repos, unit, actor.openid, ['reviewer']))) throw new AppError('FORBIDDEN', '只有负责这户家庭的在职审核人员可以审批')
      const by = { openid: actor.openid, name: await staffNameOf(repos, actor.openid) }
      const decided = decideEntry(entry, { status: input.decision, by, at: now.toISOString(), note: input.note })
      if (!decided.ok) throw new AppError(decided.code, decided.message, decided.field)
      const delta = budgetDelta(entry, input.decision)
      const budget = delta !== 0 && entry.budgetId ? await repos.budgets.get(entry.budgetId) : null
      if (budget) await commitToBudget(repos, budget, delta)
      if (!(await repos.ledger.decide(entry.id, decided.value.decision!))) throw new AppError('CONFLICT', '这笔记录已被他人审批，请刷新', 'entryId')
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: input.decision === 'approved' ? 'ledger.entry.approve' : 'ledger.entry.reject',
        subject: entry.householdId,
        detail: { entryId: entry.id, kind: entry.kind, amountFen: entry.amountFen, fundSource: entry.fundSource, recordedBy: entry.recordedBy, budgetId: entry.budgetId },
      })
      return { entryId: entry.id }
    }),
  )
  const entry = (await deps.store.repos.ledger.get(input.entryId))!
  return toPendingEntry(deps.store.repos, actor, entry, new Map())
}

/** Where the next page of pending entries starts: after the entry recorded at `c` with id `i`. */
const isPendingPosition = (v: unknown): v is { c: string; i: string } => hasStrings(v, ['c', 'i'])

/**
 * The entries of the caller's jurisdiction (however many units) waiting for a decision, oldest
 * first, each with whether the caller may decide it, a page at a time by cursor, with how many are
 * pending; `approvable` counts those the caller may decide (none for a caseworker): all but the
 * ones they recorded. Queries.
 */
export async function pendingLedger(deps: Deps, actor: Actor, input: { cursor?: string; pageSize: number }): Promise<PendingLedgerPage> {
  requireStaff(actor, CASE_ROLES)
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor)
  const at = decodeCursor(input.cursor, isPendingPosition)
  const [found, total, own] = await Promise.all([
    repos.ledger.pendingUnder(root.id, at && { createdAt: at.c, id: at.i }, input.pageSize + 1),
    repos.ledger.countPendingUnder(root.id),
    hasRole(actor, 'reviewer') ? repos.ledger.countPendingUnder(root.id, actor.openid) : Promise.resolve(null),
  ])
  const shown = found.slice(0, input.pageSize)
  const names = new Map((await repos.units.getMany([...new Set(shown.map((e) => e.unitId))])).map((u) => [u.id, u.name]))
  const lines = await Promise.all(shown.map((e) => toPendingEntry(repos, actor, e, names)))
  const last = shown[shown.length - 1]
  return {
    items: lines,
    total,
    pageSize: input.pageSize,
    nextCursor: found.length > input.pageSize ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
    approvable: own === null ? 0 : Math.max(0, total - own),
  }
}
