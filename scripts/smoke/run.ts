import type { Database } from '../../server/adapters/cloudbase/types'
import type { Deps } from '../../server/ports'
import { runJourneys, type CallFunction, type StepResult } from './journeys'
import { closeSmokeRun, openSmokeRun, sweepExpiredRuns } from './session'

export interface SmokeOutcome {
  run: string
  results: StepResult[]
  /** What cleanup removed, as `collection/_id`. */
  removed: string[]
  ok: boolean
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length))

/** One printed line per step: result, role, step, time, detail. */
export const formatStep = (r: StepResult) => `${r.ok ? 'ok  ' : 'FAIL'}  ${pad(r.role, 10)} ${pad(r.step, 24)} ${String(r.ms).padStart(6)} ms  ${r.detail}`

/** Opens a run, walks the journeys, and always closes it (cleanup), printing as it goes. */
export async function smokeCloud(deps: Deps, db: Database, call: CallFunction, rootId: string, by: string, log: (line: string) => void): Promise<SmokeOutcome> {
  const swept = await sweepExpiredRuns(deps, db, by)
  if (swept.length) log(`Closed ${swept.length} earlier run(s) an interrupted smoke test left open: ${swept.join(', ')}`)
  const session = await openSmokeRun(deps, db, rootId, by)
  log(`Smoke run ${session.run}: test unit ${session.unitId}, identities ${Object.values(session.identities).join(', ')}`)
  let results: StepResult[] = []
  let removed: string[] = []
  try {
    results = await runJourneys(call, session, () => deps.clock.now(), (r) => log(formatStep(r)))
  } finally {
    removed = await closeSmokeRun(deps, db, session, by)
    log(`Cleanup: removed ${removed.length} documents (listed in the audit event smoke.close and in smoke_runs/${session.run}); the journey's own audit events stay.`)
  }
  return { run: session.run, results, removed, ok: results.length > 0 && results.every((r) => r.ok) }
}
