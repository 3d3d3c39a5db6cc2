import type { Database } from '../types'

/**
 * One data migration of the CloudBase database, for the deploy's migration runner: an id that
 * orders it and is recorded once it ran, what it does, and the work. `run` is idempotent (it finds
 * only documents not migrated yet), so a run cut short is simply run again.
 */
export interface CloudbaseMigration {
  id: string
  describe: string
  /** Migrates and says how many documents it changed. */
  run(db: Database): Promise<{ changed: number }>
}

/** Documents a migration handles per read. */
export const MIGRATION_BATCH = 100
