import type { Database } from '../types'

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
