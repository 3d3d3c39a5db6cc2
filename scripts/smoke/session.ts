/**
 * A smoke run's test identities and their cleanup, in the union's database. Opening a run writes
 * (with the CAM key, which no mini-program user has) a test unit under the root, a caseworker and
 * an admin of that unit alone, and the run's record in `smoke_runs` with the hash of a one-time
 * token and an expiry; the deployed functions accept the run's identities only while it is open
 * (server/cloud/smoke-pass.ts). Closing it removes what the run created, appends one audit event
 * listing it, and keeps the closed record. The audit events of the journey itself stay: the log is
 * append-only.
 */
import { randomBytes } from 'node:crypto'
import { APPLICATIONS, CLAIMS, IDEMPOTENCY, MESSAGES, ORG_UNITS, OUTBOX, RATE_LIMITS, SMOKE_RUNS, STAFF } from '../../server/adapters/cloudbase/collections'
import type { Database, StoredDoc } from '../../server/adapters/cloudbase/types'
import { SMOKE_ROLES, smokeTokenHash, type SmokePass, type SmokeRole } from '../../server/cloud/smoke-pass'
import type { Deps } from '../../server/ports'
import { appendAudit } from '../../server/usecases/shared/audit'
import { RATE_RULES } from '../../server/usecases/shared/rate-limit'

/** How long the functions accept a run's identities. */
export const SMOKE_LIFETIME_MS = 15 * 60_000

/** What cleanup needs of a run: also saved in its record, so a run that was killed is cleaned by the next. */
export interface SmokeRecord {
  run: string
  unitId: string
  identities: Record<SmokeRole, string>
  /** Request ids the run sent, per role, so their stored replies are removed too. */
  requests: { as: SmokeRole; requestId: string }[]
  /** Applications the run created. */
  applications: string[]
}

/** An open run, as the script holds it (the token only in memory). */
export interface SmokeSession extends SmokeRecord {
  pass(as: SmokeRole): SmokePass
  /** Saves `requests` and `applications` in the run's record (before a write is sent, and after it created something). */
  save(): Promise<void>
}

/** The audit actor of the run's own setup and cleanup. */
const OPERATOR = (by: string) => `smoke:${by}`

/** Opens a run: test unit under `rootId`, its staff, and the run record. `by` names the operator's machine. */
export async function openSmokeRun(deps: Deps, db: Database, rootId: string, by: string): Promise<SmokeSession> {
  const run = `smoke-${new Date(deps.clock.now()).toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(6).toString('hex')}`
  const token = randomBytes(32).toString('base64url')
  const identities = Object.fromEntries(SMOKE_ROLES.map((r) => [r, `${run}-${r}`])) as Record<SmokeRole, string>
  const unitId = `${run}-unit`
  const now = deps.clock.now()
  // Recorded first: should the setup fail half-way, a later run's sweep still finds and cleans it.
  await db.collection(SMOKE_RUNS).add({
    _id: run, status: 'open', by, unitId, identities, tokenHash: smokeTokenHash(token),
    openedAt: now.toISOString(), expiresAt: new Date(now.getTime() + SMOKE_LIFETIME_MS).toISOString(), requests: [], applications: [], removed: null, closedAt: null,
  })
  const setup = deps.store.transaction(async (repos) => {
    const root = await repos.units.get(rootId)
    if (!root) throw new Error(`no unit ${rootId}: pass --root <the id of your top unit>`)
    await repos.units.put({ ...root, version: (root.version ?? 0) + 1 })
    await repos.units.put({ id: unitId, name: '冒烟测试（自动删除）', parentId: root.id, path: [...root.path, unitId], version: 0 })
    await repos.staff.put({ openid: identities.caseworker, displayName: '冒烟测试初审员', unitId, roles: ['caseworker'], active: true, version: 0 })
    await repos.staff.put({ openid: identities.admin, displayName: '冒烟测试管理员', unitId, roles: ['admin'], active: true, version: 0 })
    await appendAudit(repos, deps.cipher, now, { actor: OPERATOR(by), action: 'smoke.open', subject: run, detail: { unitId, identities: Object.values(identities) } })
  })
  // Nothing of a failed setup was written (one transaction): its run closes at once.
  await setup.catch(async (err: unknown) => {
    await db.collection(SMOKE_RUNS).doc(run).update({ status: 'closed', closedAt: now.toISOString(), removed: [] })
    throw err
  })
  const session: SmokeSession = {
    run, unitId, identities, requests: [], applications: [],
    pass: (as) => ({ run, token, as }),
    save: async () => {
      await db.collection(SMOKE_RUNS).doc(run).update({ requests: db.command.set(session.requests), applications: db.command.set(session.applications) })
    },
  }
  return session
}

const first = (data: StoredDoc[] | StoredDoc | null) => (Array.isArray(data) ? data[0] : data) ?? null

/** Removes documents by _id where they exist; the ids removed, as `collection/_id`. */
async function removeEach(db: Database, collection: string, ids: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const id of ids) {
    if (!first((await db.collection(collection).doc(id).get()).data)) continue
    await db.collection(collection).doc(id).remove()
    out.push(`${collection}/${id}`)
  }
  return out
}

/** Every _id of `collection` matching `query` (a run creates a handful). */
async function idsWhere(db: Database, collection: string, query: object): Promise<string[]> {
  const { data } = await db.collection(collection).where(query).limit(1000).get()
  return data.map((d) => d._id)
}

/**
 * Closes a run: removes its applications with their claims, messages and outbox entries, the stored
 * replies of its requests, its staff and unit; then one audit event lists what went, and the run
 * record is closed (kept). Application numbers it used stay used.
 */
export async function closeSmokeRun(deps: Deps, db: Database, s: SmokeRecord, by: string): Promise<string[]> {
  const removed: string[] = []
  for (const id of s.applications) {
    const app = first((await db.collection(APPLICATIONS).doc(id).get()).data)
    removed.push(...(await removeEach(db, CLAIMS, await idsWhere(db, CLAIMS, { holder: id }))))
    const version = Number(app?.version ?? 0)
    removed.push(...(await removeEach(db, OUTBOX, Array.from({ length: version + 1 }, (_, v) => `status:${id}:${v}`))))
    removed.push(...(await removeEach(db, APPLICATIONS, [id])))
  }
  removed.push(...(await removeEach(db, MESSAGES, await idsWhere(db, MESSAGES, { openid: s.identities.worker }))))
  removed.push(...(await removeEach(db, IDEMPOTENCY, s.requests.map((r) => `request:${s.identities[r.as]}:${r.requestId}`))))
  const rateKeys = Object.values(s.identities).flatMap((openid) => Object.values(RATE_RULES).map((r) => `rate:${r.name}:${openid}`))
  removed.push(...(await removeEach(db, RATE_LIMITS, rateKeys)))
  removed.push(...(await removeEach(db, STAFF, [s.identities.caseworker, s.identities.admin])))
  const now = deps.clock.now()
  await deps.store.transaction(async (repos) => {
    const unit = await repos.units.get(s.unitId)
    const parent = unit?.parentId ? await repos.units.get(unit.parentId) : null
    if (parent) await repos.units.put({ ...parent, version: (parent.version ?? 0) + 1 })
    await appendAudit(repos, deps.cipher, now, { actor: OPERATOR(by), action: 'smoke.close', subject: s.run, detail: { removed: [...removed, `${ORG_UNITS}/${s.unitId}`] } })
  })
  removed.push(...(await removeEach(db, ORG_UNITS, [s.unitId])))
  await db.collection(SMOKE_RUNS).doc(s.run).update({ status: 'closed', closedAt: now.toISOString(), removed: db.command.set(removed) })
  return removed
}

/**
 * Closes the runs an interrupted smoke test left open once they expired (their identities no longer
 * work), from what their records saved; the ids of the runs closed.
 */
export async function sweepExpiredRuns(deps: Deps, db: Database, by: string): Promise<string[]> {
  const now = deps.clock.now().toISOString()
  const { data } = await db.collection(SMOKE_RUNS).where({ status: 'open', expiresAt: db.command.lt(now) }).limit(100).get()
  for (const doc of data) {
    const record: SmokeRecord = {
      run: doc._id,
      unitId: String(doc.unitId),
      identities: doc.identities as SmokeRecord['identities'],
      requests: (doc.requests as SmokeRecord['requests'] | undefined) ?? [],
      applications: (doc.applications as string[] | undefined) ?? [],
    }
    await closeSmokeRun(deps, db, record, by)
  }
  return data.map((d) => d._id)
}
