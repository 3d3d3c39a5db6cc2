/**
 * The export jobs' storage on an existing deployment, on both stores: SQLite's migration 42 when a
 * database of the code before it is opened, CloudBase's collection and indexes when `npm run deploy`
 * runs against an environment deployed before them. What was stored stays as it was, and the new
 * repository answers its queries at once.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { deploy } from '../../scripts/deploy/run'
import { desiredState } from '../../scripts/deploy/desired'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { EXPORT_JOBS } from '../../server/adapters/cloudbase/collections'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { ExportJobRecord, Repositories, UploadRecord } from '../../server/ports'
import { startStandin } from '../cloudbase-standin'
import { StandinTarget } from '../cloudbase-standin/deploy-target'
import { deployCollections, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

const UPLOAD: UploadRecord = { key: 'exports/masked-a/households-2026-03-02.xlsx', openid: 'o-reviewer', applicationId: 'export', createdAt: '2026-03-01T02:00:00.000Z' }

const JOB: ExportJobRecord = {
  id: 'job-1', openid: 'o-reviewer', kind: 'households', format: 'xlsx', masked: true, reason: null, unitId: 'unit-a', requestId: 'r1',
  createdAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z', state: 'running', total: 3, done: 0,
  cursor: { after: null }, scanned: false, widths: null, parts: [], lease: null, file: null, error: null,
  expiresAt: '2026-03-03T02:00:00.000Z', version: 1,
}

/** What the migration must leave and make: the old upload, and a job added, found due and expired, written at its version only. */
async function checkJobs(repos: Repositories): Promise<void> {
  expect(await repos.uploads.olderThan('2026-03-02T00:00:00.000Z', 10)).toEqual([UPLOAD])
  expect(await repos.exportJobs.add(JOB)).toBe(true)
  expect(await repos.exportJobs.add(JOB)).toBe(false)
  expect(await repos.exportJobs.due('2026-03-02T02:00:01.000Z', 10)).toEqual([JOB])
  const leased = { ...JOB, lease: { id: 'l1', until: '2026-03-02T02:01:10.000Z', key: null }, version: 2 }
  expect(await repos.exportJobs.update(leased)).toBe(true)
  expect(await repos.exportJobs.update(leased)).toBe(false)
  expect(await repos.exportJobs.due('2026-03-02T02:01:00.000Z', 10)).toEqual([])
  expect(await repos.exportJobs.due('2026-03-02T02:02:00.000Z', 10)).toEqual([leased])
  expect(await repos.exportJobs.expired('2026-03-03T02:00:00.000Z', 10)).toEqual([])
  expect(await repos.exportJobs.expired('2026-03-03T02:00:01.000Z', 10)).toEqual([leased])
  await repos.exportJobs.remove(JOB.id)
  expect(await repos.exportJobs.get(JOB.id)).toBeNull()
}

test('SQLite: migration 42 adds the export jobs table and its indexes to a database of the code before it', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < 42)) {
    old.exec(m.sql)
    m.run?.(old as never)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  old.prepare('INSERT INTO uploads (key, created_at, doc) VALUES (?, ?, ?)').run(UPLOAD.key, UPLOAD.createdAt, JSON.stringify(UPLOAD))
  expect(old.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'export_jobs'").pluck().get()).toBe(0)
  old.close()

  const db = openDatabase(file)
  try {
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(42)
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ')
    expect(plan("SELECT doc FROM export_jobs WHERE state = 'running' AND lease_until < '2026' ORDER BY lease_until, id LIMIT 10")).toContain('export_jobs_due')
    expect(plan("SELECT doc FROM export_jobs WHERE expires_at < '2026' ORDER BY expires_at, id LIMIT 10")).toContain('export_jobs_expiry')
    await checkJobs(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

test('CloudBase: deploy adds the export_jobs collection and its indexes to an environment deployed before them', async () => {
  const standin = await startStandin()
  try {
    // The environment as deploy left it before export jobs: every collection but the new one.
    const desired = desiredState({ envId: 'test-env', region: 'ap-shanghai', settings: {}, secrets: {}, codeHashes: null })
    await deploy(new StandinTarget(standin), { ...desired, functions: [], collections: desired.collections.filter((c) => c.name !== EXPORT_JOBS) }, {}, () => undefined)
    expect(standin.schema().has(EXPORT_JOBS)).toBe(false)
    useStandin(standin)
    await createCloudbaseStore().repos.uploads.add(UPLOAD)

    await deployCollections(standin)
    expect(standin.schema().get(EXPORT_JOBS)?.map((i) => i.name).sort()).toEqual(['_id_', 'expiresAt_asc__id_asc', 'state_asc_leaseUntil_asc__id_asc'])
    resetSdk()
    await checkJobs(createCloudbaseStore().repos)
  } finally {
    await standin.close()
  }
})
