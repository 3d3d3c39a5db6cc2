/**
 * Problem reports written before issue 14's lists are found under every unit above their station's
 * on both stores: SQLite's migration 49 files an old database's reports in the list of their
 * status (with its counts); CloudBase's 020-report-lists gives each report its unit's path,
 * resuming where a run stopped, and writes nothing more when run again.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { reportLists } from '../../server/adapters/cloudbase/migrations/020-report-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, ProblemReportRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const report = (id: string, unitId: string, createdAt: string, status: ProblemReportRecord['status'] = 'pending'): ProblemReportRecord => ({
  id, stationId: `st-${id}`, stationName: '职工驿站', unitId, problem: 'moved', note: '', reporterOpenid: 'w-1', status, version: 1, createdAt, decidedAt: null, decidedBy: null, decisionNote: '',
})
const REPORTS = [report('r1', 'town', '2026-03-01T00:00:00.000Z'), report('r2', 'city', '2026-03-03T00:00:00.000Z'), report('r3', 'town', '2026-03-03T00:00:00.000Z'), report('r4', 'town', '2026-03-02T00:00:00.000Z', 'resolved')]

async function expectFound(repos: Repositories) {
  expect((await repos.problemReports.listUnder('pending', 'prov', null, 10)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1'])
  expect((await repos.problemReports.listUnder('pending', 'prov', { createdAt: '2026-03-03T00:00:00.000Z', id: 'r3' }, 10)).map((r) => r.id)).toEqual(['r2', 'r1'])
  expect((await repos.problemReports.listUnder('pending', 'town', null, 10)).map((r) => r.id)).toEqual(['r3', 'r1'])
  expect((await repos.problemReports.listUnder('resolved', 'city', null, 10)).map((r) => r.id)).toEqual(['r4'])
  expect(await repos.problemReports.countUnder('pending', 'prov')).toBe(3)
  expect(await repos.problemReports.countUnder('resolved', 'town')).toBe(1)
  expect(await repos.problemReports.get('r1')).toEqual(REPORTS[0])
}

test('SQLite: migration 49 files the reports of an old database in the list of their status under every unit above them', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 49, UNITS)
  // The records as the release before wrote them.
  const add = old.prepare('INSERT INTO problem_reports (id, status, created_at, version, unit_id, doc) VALUES (?, ?, ?, ?, ?, ?)')
  for (const r of REPORTS) add.run(r.id, r.status, r.createdAt, r.version, r.unitId, JSON.stringify(r))
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 020-report-lists', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old reports their unit path, resumes, and changes nothing the second time', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, ...r } of REPORTS) await db.collection('problem_reports').add({ _id: id, ...r })
    const saved: unknown[] = []
    // Units go in id order. A run cut short after 'city' goes on from there: 'prov' (nothing), 'town' (r1, r3, r4).
    expect(await reportLists.run({ db, progress: { afterUnit: 'city' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 3 })
    // From the start: only 'city' (r2) is left to write.
    expect(await reportLists.run({ db })).toEqual({ changed: 1 })
    expect(await reportLists.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterUnit: 'town' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})
