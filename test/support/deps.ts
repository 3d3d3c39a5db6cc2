import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { CallContext, Deps, PolicyRecord, Store } from '../../server/ports'
import type { SubmitInput } from '../../server/usecases/applicant/submit-application'
import { SubmitInputSchema } from '../../src/domain/api/applicant'
import { validate } from '../../src/domain/validate'
import { randomIds } from '../../server/runtime'
import { MORE_ID_NUMBERS, formValues, submission } from './forms'

export { MORE_ID_NUMBERS, formValues, submission }

/** The call context of a direct use-case call: a retry sends the same `requestId`. */
export const call = (requestId: string | null = null): CallContext => ({ requestId })

/** A clock that tests move by hand. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T02:00:00Z')) {}
  now = () => new Date(this.current)
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

/** A temporary directory removed by `cleanup`. */
export function tempDir(prefix = 'lantian-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Use-case dependencies on a fresh SQLite database in a temporary directory. */
export function sqliteDeps(store?: Store): { deps: Deps; clock: TestClock; file: string; dir: string; ready: Promise<void>; close: () => Promise<void> } {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'lantian.db')
  const clock = new TestClock()
  const s = store ?? openSqliteStore(file)
  const deps: Deps = {
    store: s,
    clock,
    ids: randomIds,
    cipher: createCipher(randomBytes(32)),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: localFileStore(join(dir, 'files'), randomBytes(32)),
  }
  // Queued before anything a test does (the SQLite store runs one operation at a time, in order).
  const ready = seedTestUnits(s)
  ready.catch(() => undefined)
  return {
    deps,
    clock,
    file,
    dir,
    ready,
    close: async () => {
      await ready.catch(() => undefined)
      await s.close()
      cleanup()
    },
  }
}

/** The root unit, one township and the root's policy (低保 line 780 yuan), as the demo has them. */
export const TEST_POLICY: PolicyRecord = {
  unitId: 'unit-root',
  dibaoLineFen: 78000,
  relativeLineFen: 156000,
  accidentCostPercent: 80,
  publicityDays: 7,
  stageDeadlineDays: {},
  subscribeTemplateIds: {},
}

export async function seedTestUnits(store: Store): Promise<void> {
  await store.transaction(async (repos) => {
    await repos.units.put({ id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] })
    await repos.units.put({ id: 'unit-532504001', name: '弥阳街道总工会', parentId: 'unit-root', path: ['unit-root', 'unit-532504001'] })
    await repos.policies.put(TEST_POLICY)
  })
}

/**
 * A valid submission as `submitApplication` takes it (checked by the shared schema, money in fen).
 * Spread it: `submitApplication(deps, actor, { ...validForm }, call())`.
 */
export const validForm: SubmitInput = checkedSubmission()

export function checkedSubmission(over: Parameters<typeof formValues>[0] = {}): SubmitInput {
  const r = validate(SubmitInputSchema, submission(over))
  if (!r.ok) throw new Error(`test form invalid: ${JSON.stringify(r.problems)}`)
  return r.value
}

