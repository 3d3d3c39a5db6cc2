/**
 * Deploy's data-migration step: which migrations of `DATA_MIGRATIONS` the database has applied
 * (for `--plan`), and running the rest after the functions are updated, so nothing writes the old
 * shape after a migration ran (the code reads both shapes in between).
 */
import type { CloudbaseMigration } from '../../server/adapters/cloudbase/migrations/migration'
import { migrationStates, runMigrations, type MigrationState, type RunnerOptions, type RunResult } from '../../server/adapters/cloudbase/migrations/runner'
import type { Database } from '../../server/adapters/cloudbase/types'

/** The database side of deploy's migration step. */
export interface MigrationStep {
  states(): Promise<{ states: MigrationState[]; unknown: string[] }>
  run(log: (line: string) => void): Promise<RunResult>
}

/** The step for `db` and `list` (DATA_MIGRATIONS in deploy; tests pass their own list and runner options). */
export function migrationStep(db: Database, list: readonly CloudbaseMigration[], options: Omit<RunnerOptions, 'log'> = {}): MigrationStep {
  return {
    states: () => migrationStates(db, list),
    run: (log) => runMigrations(db, list, { ...options, log }),
  }
}

const STATE_TEXT = { pending: 'to run', unfinished: 'cut short earlier: resumes', applied: 'applied' } as const

/** The plan's lines for the data migrations. */
export function formatMigrations(states: readonly MigrationState[], unknown: readonly string[]): string {
  const out = [`Data migrations (${states.filter((s) => s.state !== 'applied').length} to run of ${states.length}), from server/adapters/cloudbase/migrations/index.ts:`]
  for (const s of states) {
    const when = s.record?.appliedAt ? ` ${s.record.appliedAt}, ${s.record.changed} documents` : s.record ? ` (${s.record.runs} run(s) so far${s.record.progress ? `, saved progress ${JSON.stringify(s.record.progress)}` : ''})` : ''
    out.push(`  - ${s.id} ${STATE_TEXT[s.state]}${when}: ${s.description}`)
  }
  for (const id of unknown) out.push(`  BLOCKED  ${id} is recorded in the database but not in this code: it was deployed from a newer release`)
  return out.join('\n')
}
