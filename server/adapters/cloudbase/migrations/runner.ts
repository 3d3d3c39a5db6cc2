/**
 * Runs the data migrations of `DATA_MIGRATIONS` in order, each at most once per database, for
 * `npm run deploy`. One deploy at a time: the runner holds a lock with a lease it renews while it
 * works, so a second deploy waits and then finds everything applied. A run cut short (an error,
 * a killed process) leaves its migration `running` with the progress it saved; the next run
 * resumes it, after the dead run's lease has run out.
 */
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Database } from '../types'
import type { CloudbaseMigration, MigrationProgress } from './migration'
import { markApplied, markRunning, readRecord, readRecords, releaseLock, renewLock, saveProgress, tryLock, type MigrationLock, type MigrationRecord } from './records'

/** A migration's state for the plan: never started, started and not finished, or applied. */
export interface MigrationState {
  id: string
  description: string
  state: 'pending' | 'unfinished' | 'applied'
  record: MigrationRecord | null
}

export interface RunnerOptions {
  log?: (line: string) => void
  /** Who runs (recorded with each migration and the lock); default `host pid time`. */
  owner?: string
  /** How long the lock holds without renewal; renewed every third of it while a migration runs. */
  leaseMs?: number
  /** How long to wait for another deploy's migrations before giving up. */
  waitMs?: number
  /** How often to look at a held lock again. */
  pollMs?: number
  now?: () => number
  wait?: (ms: number) => Promise<void>
}

export interface RunResult {
  applied: string[]
  /** Already applied before this run (by an earlier deploy or one running at the same time). */
  skipped: string[]
  /** Resumed from an earlier run that did not finish. */
  resumed: string[]
}

const MIGRATION_ID = /^\d{3}-[a-z0-9-]+$/

/** Throws unless the ids are well formed, unique and in ascending order. */
export function checkMigrationList(list: readonly CloudbaseMigration[]): void {
  list.forEach((m, i) => {
    if (!MIGRATION_ID.test(m.id)) throw new Error(`data migration id "${m.id}" must look like 004-what-it-does`)
    if (i > 0 && list[i - 1].id >= m.id) throw new Error(`data migrations out of order: ${list[i - 1].id} before ${m.id}`)
  })
}

/**
 * Each migration's state, and the recorded ones the code does not know (a newer release migrated
 * this database: deploying older code over it is refused).
 */
export async function migrationStates(db: Database, list: readonly CloudbaseMigration[]): Promise<{ states: MigrationState[]; unknown: string[] }> {
  checkMigrationList(list)
  const records = await readRecords(db)
  const states = list.map((m): MigrationState => {
    const record = records.get(m.id) ?? null
    return { id: m.id, description: m.description, record, state: !record ? 'pending' : record.status === 'applied' ? 'applied' : 'unfinished' }
  })
  const unknown = [...records.keys()].filter((id) => !list.some((m) => m.id === id))
  return { states, unknown }
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Waits for the lock (another deploy may hold it) and takes it; throws after `waitMs`. */
async function acquire(db: Database, owner: string, o: Required<Omit<RunnerOptions, 'log' | 'owner'>>, log: (line: string) => void): Promise<void> {
  const start = o.now()
  let told: MigrationLock | null = null
  for (;;) {
    const { taken, holder } = await tryLock(db, owner, o.now(), o.leaseMs)
    if (taken) {
      if (holder && holder.owner !== owner && holder.until > 0) log(`  took over the migration lock of ${holder.owner}, whose lease ran out at ${iso(holder.until)} (that run was cut short)`)
      return
    }
    if (holder && holder.owner !== told?.owner) {
      log(`  another deploy (${holder.owner}) is running data migrations; waiting for it ...`)
      told = holder
    }
    if (o.now() - start >= o.waitMs) throw new Error(`data migrations: another deploy (${holder?.owner ?? 'unknown'}) still holds the lock; run deploy again once it has finished`)
    await o.wait(o.pollMs)
  }
}

/** Runs what is not applied yet, in order; see the file's comment. */
export async function runMigrations(db: Database, list: readonly CloudbaseMigration[], options: RunnerOptions = {}): Promise<RunResult> {
  const log = options.log ?? (() => undefined)
  const owner = options.owner ?? `${hostname()} pid ${process.pid} ${new Date().toISOString()}`
  const o = { leaseMs: 5 * 60_000, waitMs: 15 * 60_000, pollMs: 2_000, now: Date.now, wait: (ms: number) => sleep(ms).then(() => undefined), ...options }
  const { unknown } = await migrationStates(db, list)
  if (unknown.length) throw new Error(`data migrations: this database has migrations this code does not know (${unknown.join(', ')}); it was deployed from a newer release. Deploy that release or a later one.`)
  const result: RunResult = { applied: [], skipped: [], resumed: [] }

  await acquire(db, owner, o, log)
  let lost = false
  const renew = async () => {
    if (!lost && !(await renewLock(db, owner, o.now(), o.leaseMs))) lost = true
    if (lost) throw new Error('data migrations: the lock was taken by another deploy (this one paused longer than its lease); stopped. Run deploy again.')
  }
  // Renewed in the background too, for a migration that saves no progress for a long while.
  const heartbeat = setInterval(() => void renew().catch(() => undefined), Math.max(1, Math.floor(o.leaseMs / 3)))
  heartbeat.unref()
  try {
    for (const m of list) {
      // Read again under the lock: a deploy that held it before may have applied it meanwhile.
      const before = await readRecord(db, m.id)
      if (before?.status === 'applied') {
        result.skipped.push(m.id)
        continue
      }
      await renew()
      const record = await markRunning(db, m.id, m.description, owner, iso(o.now()))
      if (before) {
        result.resumed.push(m.id)
        log(`  resuming ${m.id} (run ${record.runs}; ${record.progress ? `saved progress ${JSON.stringify(record.progress)}` : 'no saved progress: it finds what is left itself'})`)
      } else {
        log(`  ${m.id}: ${m.description}`)
      }
      const t0 = o.now()
      const { changed } = await m.run({
        db,
        log,
        progress: record.progress,
        saveProgress: async (progress: MigrationProgress) => {
          await renew()
          await saveProgress(db, m.id, progress, iso(o.now()))
        },
      })
      await renew()
      await markApplied(db, m.id, changed, iso(o.now()))
      result.applied.push(m.id)
      log(`  applied ${m.id}: ${changed} documents changed in ${o.now() - t0} ms`)
    }
  } finally {
    clearInterval(heartbeat)
    if (!lost) await releaseLock(db, owner).catch(() => undefined)
  }
  return result
}
