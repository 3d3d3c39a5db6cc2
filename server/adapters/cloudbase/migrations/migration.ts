import type { Database, StoredDoc } from '../types'

/** Where a migration got to, saved with its record: plain JSON (e.g. the last _id it finished). */
export type MigrationProgress = Record<string, string | number | boolean | null>

/**
 * What a data migration gets: the database, and from the deploy's runner (runner.ts) the progress
 * it saved in a run that was cut short (null on a first run) and a way to save it. A migration that
 * finds what is left by a missing field (002, 003) needs neither.
 */
export interface MigrationContext {
  db: Database
  log?: (line: string) => void
  /** What `saveProgress` last saved in an earlier, unfinished run of this migration; null or absent when none. */
  progress?: MigrationProgress | null
  /** Saves progress with the migration's record (and renews the runner's lock); absent outside the runner. */
  saveProgress?: (progress: MigrationProgress) => Promise<void>
}

/**
 * One data migration of the CloudBase database, in the shape of the deploy's runner: an id that
 * orders it and is recorded once it ran, one line saying what it does, and the work. `run` is
 * idempotent, so a run cut short is simply run again; it says how many documents it changed.
 */
export interface CloudbaseMigration {
  id: string
  description: string
  run(ctx: MigrationContext): Promise<{ changed: number }>
}

/** Documents a migration handles per read. */
export const MIGRATION_BATCH = 100

/**
 * Rewrites one field of every document of a collection that needs it: the documents in _id order,
 * a batch at a time, the last _id done saved as progress (a run cut short resumes there). `next`
 * gives the field's new value, or null when the document needs nothing. Each write is checked
 * against the version read; when the app wrote the document meanwhile it is read again (five
 * tries). Returns how many documents changed.
 */
export async function rewriteEachDocument(ctx: MigrationContext, collection: string, field: string, next: (doc: StoredDoc) => unknown): Promise<number> {
  const { db, progress, saveProgress } = ctx
  const _ = db.command
  const rewriteOne = async (first: StoredDoc): Promise<number> => {
    let doc: StoredDoc | undefined = first
    for (let attempt = 0; doc && attempt < 5; attempt++) {
      const value = next(doc)
      if (value === null) return 0
      const { updated } = await db.collection(collection).where({ _id: doc._id, version: doc.version }).update({ [field]: _.set(value) })
      if (updated === 1) return 1
      doc = (await db.collection(collection).where({ _id: doc._id }).get()).data[0]
    }
    if (doc && next(doc) !== null) throw new Error(`${collection} ${doc._id}: changed by every attempt; run the deploy again`)
    return 0
  }
  let after = typeof progress?.after === 'string' ? progress.after : null
  let changed = 0
  for (;;) {
    const where = after === null ? {} : { _id: _.gt(after) }
    const { data } = await db.collection(collection).where(where).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
    for (const doc of data) changed += await rewriteOne(doc)
    if (data.length === 0) break
    after = data[data.length - 1]._id
    await saveProgress?.({ after })
    if (data.length < MIGRATION_BATCH) break
  }
  return changed
}
