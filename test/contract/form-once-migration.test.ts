/**
 * The submitted form is stored once: an application written before keeps its earlier versions'
 * forms and loses the current submission's copy of its form, on both stores (SQLite's migration 18
 * when an old database is opened; CloudBase's 012-form-once that the deploy's runner calls, resumed
 * from its saved progress and run again to no effect). A resubmission afterwards still keeps
 * every version.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { formOnce } from '../../server/adapters/cloudbase/migrations/012-form-once'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { ApplicationRecord } from '../../server/ports'
import { submittedForms } from '../../server/usecases/shared/sealed-form'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { applicationRecord } from '../support/fixtures'

const at = (h: number) => `2026-03-0${h}T02:00:00.000Z`
/** As written before: the current form twice, as the record's form and with the last submission. */
const twice = (id: string): ApplicationRecord =>
  applicationRecord(id, {
    formSealed: `v1.form-2-${id}`,
    submissions: [
      { at: at(2), formSealed: `v1.form-1-${id}`, changedFields: [] },
      { at: at(3), formSealed: `v1.form-2-${id}`, changedFields: ['finances.annualIncome'] },
    ],
  })
const OLD = [twice('a1'), twice('a2'), twice('a3'), applicationRecord('a4')]

/** What each record holds once the migration ran: the earlier form with its entry, the current one once. */
function expectOnce(rec: ApplicationRecord | null, id: string): void {
  expect(rec?.formSealed).toBe(`v1.form-2-${id}`)
  expect(rec?.submissions).toEqual([
    { at: at(2), formSealed: `v1.form-1-${id}`, changedFields: [] },
    { at: at(3), changedFields: ['finances.annualIncome'] },
  ])
  expect(submittedForms(rec!).map((s) => s.formSealed)).toEqual([`v1.form-1-${id}`, `v1.form-2-${id}`])
}

test('SQLite: migration 18 drops the current submission’s copy of the form and keeps the earlier forms', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = openDatabase(file)
  old.prepare('DELETE FROM schema_migrations WHERE version = 18').run()
  for (const rec of OLD) await bindRepositories(old).applications.insert(rec)
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    for (const id of ['a1', 'a2', 'a3']) expectOnce(await repos.applications.get(id), id)
    expect(await repos.applications.get('a4')).toEqual(OLD[3])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 012-form-once', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('drops the copies from where the last run got to, then finds nothing left; the store reads the records', async () => {
    resetSdk()
    const store = createCloudbaseStore()
    for (const rec of OLD) await store.repos.applications.insert(rec)
    const db = getDb()
    const saved: unknown[] = []
    // A run cut short after a1: the next one starts after it (a1 keeps its copy: it was done before).
    expect(await formOnce.run({ db, progress: { after: 'a1' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 2 })
    expect(saved.at(-1)).toEqual({ after: 'a4' })
    expect((await store.repos.applications.get('a1'))?.submissions?.[1].formSealed).toBe('v1.form-2-a1')
    expect(await formOnce.run({ db })).toEqual({ changed: 1 })
    expect(await formOnce.run({ db })).toEqual({ changed: 0 })
    for (const id of ['a1', 'a2', 'a3']) expectOnce(await store.repos.applications.get(id), id)
    expect(await store.repos.applications.get('a4')).toEqual(OLD[3])
    await store.close()
  })
})
