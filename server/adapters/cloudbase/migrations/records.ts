/**
 * The database's record of its data migrations (collection `data_migrations`): one document per
 * migration that ever started (`_id` = its id), and one lock document that a deploy holds while it
 * runs migrations, so two deploys at once never run one twice.
 */
import { defineCollection } from '../collection-schema'
import { MIGRATION_RECORDS } from '../collections'
import { isDuplicate, readDoc, type Database, type Scope, type StoredDoc } from '../types'
import type { MigrationProgress } from './migration'

/** Read and written by _id only: no index beyond _id. */
export const MIGRATION_RECORDS_COLLECTION = defineCollection(MIGRATION_RECORDS)

/** The lock's _id: not a migration id (those start with three digits). */
export const LOCK_ID = '_lock'

/** A migration as the database records it. */
export interface MigrationRecord {
  id: string
  status: 'running' | 'applied'
  description: string
  /** How many runs started it (more than 1: it was cut short and resumed). */
  runs: number
  startedAt: string
  appliedAt: string | null
  /** Documents its finishing run changed (a resumed migration counts earlier runs in its progress, if at all). */
  changed: number
  /** Saved by an unfinished run; null once applied. */
  progress: MigrationProgress | null
  /** Which deploy ran it last (`host pid time`). */
  by: string
}

/** The lock as stored: who holds it and until when (ms since epoch); a lock past `until` is free. */
export interface MigrationLock {
  owner: string
  until: number
}

const scopeOf = (db: Database): Scope => ({ collection: (name) => db.collection(name), command: db.command, inTransaction: false })

function toRecord(doc: StoredDoc): MigrationRecord {
  return {
    id: doc._id,
    status: doc.status === 'applied' ? 'applied' : 'running',
    description: String(doc.description ?? ''),
    runs: Number(doc.runs ?? 0),
    startedAt: String(doc.startedAt ?? ''),
    appliedAt: (doc.appliedAt as string | null) ?? null,
    changed: Number(doc.changed ?? 0),
    progress: (doc.progress as MigrationProgress | null) ?? null,
    by: String(doc.by ?? ''),
  }
}

/** True when the SDK threw because the collection does not exist (an environment never deployed with the migration runner). */
export function isMissingCollection(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return e?.code === 'DATABASE_COLLECTION_NOT_EXIST' || /collection not exist/i.test(String(e?.message ?? ''))
}

/** Every migration record, by id; empty when the collection does not exist yet. */
export async function readRecords(db: Database): Promise<Map<string, MigrationRecord>> {
  const out = new Map<string, MigrationRecord>()
  try {
    for (;;) {
      const { data } = await db.collection(MIGRATION_RECORDS).orderBy('_id', 'asc').skip(out.size).limit(1000).get()
      for (const doc of data) if (doc._id !== LOCK_ID) out.set(doc._id, toRecord(doc))
      if (data.length < 1000) return out
    }
  } catch (err) {
    if (isMissingCollection(err)) return out
    throw err
  }
}

/** One migration's record, or null. */
export async function readRecord(db: Database, id: string): Promise<MigrationRecord | null> {
  const doc = await readDoc(scopeOf(db), MIGRATION_RECORDS, id)
  return doc ? toRecord(doc) : null
}

/** Marks a migration running: a new record, or one more run of an unfinished one (its progress kept). */
export async function markRunning(db: Database, id: string, description: string, by: string, at: string): Promise<MigrationRecord> {
  const coll = db.collection(MIGRATION_RECORDS)
  try {
    await coll.add({ _id: id, status: 'running', description, runs: 1, startedAt: at, appliedAt: null, changed: 0, progress: null, by })
  } catch (err) {
    if (!isDuplicate(err)) throw err
    await coll.where({ _id: id, status: 'running' }).update({ runs: db.command.inc(1), by, resumedAt: at })
  }
  const record = await readRecord(db, id)
  if (!record) throw new Error(`migration record ${id} was not written`)
  return record
}

/** Saves an unfinished migration's progress. */
export async function saveProgress(db: Database, id: string, progress: MigrationProgress, at: string): Promise<void> {
  await db.collection(MIGRATION_RECORDS).where({ _id: id, status: 'running' }).update({ progress: db.command.set(progress), savedAt: at })
}

/** Marks a migration applied: it is never run again. */
export async function markApplied(db: Database, id: string, changed: number, at: string): Promise<void> {
  const { updated } = await db.collection(MIGRATION_RECORDS).where({ _id: id, status: 'running' }).update({ status: 'applied', appliedAt: at, changed, progress: null })
  if (updated !== 1) throw new Error(`migration ${id} could not be marked applied (its record is not running)`)
}

/**
 * Takes the lock for `leaseMs` unless another owner holds it unexpired: true when taken. A lock
 * left by a deploy that died is taken once its lease ran out (compare-and-set on owner and until).
 */
export async function tryLock(db: Database, owner: string, now: number, leaseMs: number): Promise<{ taken: boolean; holder: MigrationLock | null }> {
  const coll = db.collection(MIGRATION_RECORDS)
  try {
    await coll.add({ _id: LOCK_ID, owner, until: now + leaseMs, beat: 0 })
    return { taken: true, holder: null }
  } catch (err) {
    if (!isDuplicate(err)) throw err
  }
  const doc = await readDoc(scopeOf(db), MIGRATION_RECORDS, LOCK_ID)
  const holder = doc ? { owner: String(doc.owner), until: Number(doc.until) } : null
  if (!holder) return { taken: false, holder: null }
  if (holder.owner !== owner && holder.until > now) return { taken: false, holder }
  const { updated } = await coll.where({ _id: LOCK_ID, owner: holder.owner, until: holder.until }).update({ owner, until: now + leaseMs, beat: db.command.inc(1) })
  return { taken: updated === 1, holder }
}

/** Extends the lock while `owner` holds it: false when another deploy took it meanwhile. */
export async function renewLock(db: Database, owner: string, now: number, leaseMs: number): Promise<boolean> {
  const { updated } = await db.collection(MIGRATION_RECORDS).where({ _id: LOCK_ID, owner }).update({ until: now + leaseMs, beat: db.command.inc(1) })
  return updated === 1
}

/** Frees the lock if `owner` still holds it. */
export async function releaseLock(db: Database, owner: string): Promise<void> {
  await db.collection(MIGRATION_RECORDS).where({ _id: LOCK_ID, owner }).update({ until: 0, beat: db.command.inc(1) })
}
