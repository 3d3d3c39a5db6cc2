import type { Database } from '../types'

/**
 * What a data migration gets: the database (the deploy's migration runner of issue 11 hands it
 * more: its saved progress and a way to save it, which these migrations do not need, since they
 * find what is left to do by a missing field).
 */
export interface MigrationContext {
  db: Database
  log?: (line: string) => void
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
