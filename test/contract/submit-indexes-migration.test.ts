/**
 * Applications written before migration 55, in an old SQLite file: the index by unit and status is
 * dropped and the timers' and the retention schedule's indexes hold only the statuses they read.
 * The old records are found as before by every query that used them (the returned cases past their
 * deadline, the notices that ended, a caseworker's 代为申请 drafts, the schedule's drafts and closed
 * cases, the queue and its counts), a moved unit's running notices are filed under its new place,
 * and a submitted case is in none of the partial indexes. CloudBase needs no data migration: its
 * indexes are declared with the collection, and none of them changed.
 */
import { join } from 'node:path'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { ApplicationRecord, OrgUnitRecord } from '../../server/ports'
import { tempDir } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
  { id: 'other', name: '另一市', parentId: 'prov', path: ['prov', 'other'] },
]

const OLD = '2026-01-02T02:00:00.000Z'
const APPLICATIONS: ApplicationRecord[] = [
  applicationRecord('sub1', { unitId: 'town', dueAt: '2026-03-05T00:00:00.000Z' }),
  applicationRecord('sub2', { unitId: 'city', dueAt: '2026-03-01T00:00:00.000Z' }),
  applicationRecord('ret1', { unitId: 'town', status: 'returned', dueAt: '2026-03-01T00:00:00.000Z' }),
  applicationRecord('ret2', { unitId: 'city', status: 'returned', dueAt: '2026-03-20T00:00:00.000Z' }),
  applicationRecord('pub1', { unitId: 'town', status: 'publicizing', noticeEndsAt: '2026-03-03T00:00:00.000Z' }),
  applicationRecord('pub2', { unitId: 'city', status: 'publicizing', noticeEndsAt: '2026-03-25T00:00:00.000Z' }),
  applicationRecord('typed', { unitId: 'town', status: 'draft', typedBy: { kind: 'caseworker', openid: 'o-cw', name: '李四', at: OLD }, updatedAt: OLD }),
  applicationRecord('own', { unitId: 'town', status: 'draft', updatedAt: OLD }),
  applicationRecord('gone', { unitId: 'city', status: 'withdrawn', updatedAt: OLD }),
  applicationRecord('done', { unitId: 'city', status: 'filed', updatedAt: OLD }),
]

const indexes = (db: { prepare: ReturnType<typeof openDatabase>['prepare'] }) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'applications' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all() as string[]

/** The statuses each partial index holds, as its definition says, and the rows read through it. */
const PARTIAL: Record<string, string> = {
  applications_returned: "status = 'returned'",
  applications_notices_ending: "status = 'publicizing'",
  applications_by_typist: "status = 'draft' AND typist_openid IS NOT NULL",
  applications_by_status_updated: "status IN ('draft', 'filed', 'rejected', 'withdrawn')",
}
const definition = (db: ReturnType<typeof openDatabase>, index: string) => db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(index) as string
const rowsIn = (db: ReturnType<typeof openDatabase>, index: string) =>
  (db.prepare(`SELECT id FROM applications INDEXED BY ${index} WHERE ${PARTIAL[index]}`).pluck().all() as string[]).sort()

test('SQLite: migration 55 keeps the applications in the indexes their queries read only; old records are found as before', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 55, UNITS)
  expect(indexes(old as never)).toEqual(expect.arrayContaining(['applications_by_unit_status', 'applications_by_status_due', 'applications_notice_end']))
  const add = old.prepare(`INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, notice_ends_at, key_version, typist_openid, doc)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`)
  for (const a of APPLICATIONS) {
    add.run(a.id, a.number, a.applicantOpenid, a.unitId, a.status, a.version, a.createdAt, a.updatedAt, a.name, a.dueAt ?? '9999-12-31T23:59:59.999Z', a.noticeEndsAt ?? null, a.typedBy?.openid ?? null, JSON.stringify(a))
  }
  old.close()
  const db = openDatabase(file)
  try {
    const left = indexes(db)
    for (const gone of ['applications_by_unit_status', 'applications_by_status_due', 'applications_notice_end']) expect(left).not.toContain(gone)
    expect(left).toEqual(expect.arrayContaining(['applications_returned', 'applications_notices_ending', 'applications_by_typist', 'applications_by_status_updated', 'applications_queue']))
    // A submitted case is in none of the partial indexes.
    for (const [index, where] of Object.entries(PARTIAL)) expect(definition(db, index)).toMatch(new RegExp(`WHERE ${where.replace(/[()]/g, '\\$&')}$`))
    expect(rowsIn(db, 'applications_returned')).toEqual(['ret1', 'ret2'])
    expect(rowsIn(db, 'applications_notices_ending')).toEqual(['pub1', 'pub2'])
    expect(rowsIn(db, 'applications_by_typist')).toEqual(['typed'])
    expect(rowsIn(db, 'applications_by_status_updated')).toEqual(['done', 'gone', 'own', 'typed'])

    const repos = bindRepositories(db)
    const ids = (recs: ApplicationRecord[]) => recs.map((r) => r.id)
    const now = '2026-03-10T00:00:00.000Z'
    expect(ids(await repos.applications.returnedOverdue(now, 10))).toEqual(['ret1'])
    expect(ids(await repos.applications.noticesEnded(now, 10))).toEqual(['pub1'])
    expect(ids(await repos.applications.assistedDrafts('o-cw', 10))).toEqual(['typed'])
    expect(ids(await repos.applications.staleDrafts('2026-02-01T00:00:00.000Z', 0, 10))).toEqual(['own', 'typed'])
    expect(ids(await repos.applications.closedBefore('2026-02-01T00:00:00.000Z', 10))).toEqual(['gone'])
    expect(ids(await repos.applications.callNotesBefore('2026-02-01T00:00:00.000Z', 10))).toEqual(['done', 'gone'])
    expect(ids(await repos.applications.queuePage({ under: 'prov', status: 'submitted', after: null, limit: 10 }))).toEqual(['sub2', 'sub1'])
    expect((await repos.applications.stageCountsUnder('city', now)).submitted).toEqual({ total: 2, overdue: 2 })
    // Migration 60 counted the old applications under every unit above theirs; drafts are not counted.
    const counts = { draft: 0, submitted: 2, screening: 0, visiting: 0, verifying: 0, publicizing: 2, filed: 1, returned: 2, rejected: 0, withdrawn: 1 }
    expect(await repos.applications.statusCountsUnder('prov')).toEqual(counts)
    expect(await repos.applications.statusCountsUnder('town')).toEqual({ ...counts, submitted: 1, publicizing: 1, filed: 0, returned: 1, withdrawn: 0 })
    expect(ids(await repos.applications.noticesUnder('city', '2026-03-01T00:00:00.000Z', null, 10))).toEqual(['pub1', 'pub2'])
    for (const a of APPLICATIONS) expect(await repos.applications.get(a.id)).toEqual(a)

    // The town moves under the other city: its running notice and its queued case go with it.
    await repos.units.put({ id: 'town', name: '镇', parentId: 'other', path: ['prov', 'other', 'town'] })
    expect(ids(await repos.applications.noticesUnder('city', '2026-03-01T00:00:00.000Z', null, 10))).toEqual(['pub2'])
    // Its counts by status leave the old city and join the new one; the province's stay.
    expect(await repos.applications.statusCountsUnder('other')).toEqual({ ...counts, submitted: 1, publicizing: 1, filed: 0, returned: 1, withdrawn: 0 })
    expect(await repos.applications.statusCountsUnder('city')).toEqual({ ...counts, submitted: 1, publicizing: 1, returned: 1 })
    expect(await repos.applications.statusCountsUnder('prov')).toEqual(counts)
    expect(ids(await repos.applications.noticesUnder('other', '2026-03-01T00:00:00.000Z', null, 10))).toEqual(['pub1'])
    expect(await repos.applications.countNoticesUnder('other', '2026-03-01T00:00:00.000Z')).toBe(1)
    expect(ids(await repos.applications.queuePage({ under: 'other', status: 'submitted', after: null, limit: 10 }))).toEqual(['sub1'])

    // A new case under a notice is filed among the notices of every unit above it; a submitted one is not.
    await repos.applications.insert(applicationRecord('pub3', { unitId: 'town', status: 'publicizing', noticeEndsAt: '2026-03-04T00:00:00.000Z' }))
    await repos.applications.insert(applicationRecord('sub3', { unitId: 'town' }))
    expect(ids(await repos.applications.noticesUnder('prov', '2026-03-01T00:00:00.000Z', null, 10))).toEqual(['pub1', 'pub3', 'pub2'])
    expect(db.prepare("SELECT count(*) FROM list_entries WHERE id = 'sub3'").pluck().get()).toBe(0)
    expect(await repos.applications.countNoticesUnder('other', '2026-03-01T00:00:00.000Z')).toBe(2)

    // A case returned and then resubmitted leaves the timer's index.
    const ret1 = (await repos.applications.get('ret1'))!
    expect(await repos.applications.update({ ...ret1, status: 'submitted', version: 2 }, 1)).toBe(true)
    expect(ids(await repos.applications.returnedOverdue(now, 10))).toEqual([])
    expect(rowsIn(db, 'applications_returned')).toEqual(['ret2'])
  } finally {
    db.close()
    cleanup()
  }
})
