/**
 * Stations made before they belonged to a unit get one on both stores (SQLite's migration 10 when
 * an old database is opened; the CloudBase migration function the deploy's runner calls): the unit
 * their 管理单位 names, else the township their district or address names, else the city
 * federation; and each problem report its station's unit.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { stationUnits } from '../../server/adapters/cloudbase/migrations/003-station-units'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { bindRepositories } from '../../server/adapters/sqlite'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { stationRecord } from '../support/stations'
import { UNITS } from '../support/union-tree'

/** Stations as the release before this one stored them (no unit), and where each should go. */
const OLD = [
  { station: { id: 's1', externalId: 'E1', unitName: '农机厂工会', district: '弥阳街道', address: '弥勒市弥阳街道1号' }, unitId: 'unit-a1' },
  { station: { id: 's2', externalId: 'E2', unitName: '某物流公司', district: '新哨镇', address: '弥勒市1号' }, unitId: 'unit-b' },
  { station: { id: 's3', externalId: 'E3', unitName: '', district: '弥勒市', address: '弥勒市弥阳街道髯翁路2号' }, unitId: 'unit-a' },
  { station: { id: 's4', externalId: 'E4', unitName: '', district: '朋普镇', address: '弥勒市朋普镇3号' }, unitId: 'unit-root' },
]
const oldStation = (over: (typeof OLD)[number]['station']) => {
  const { unitId: _unit, ...rec } = stationRecord(over)
  return rec
}
const oldReport = (id: string, stationId: string) => ({
  id,
  stationId,
  stationName: '驿站',
  problem: 'closed',
  note: '',
  reporterOpenid: 'w1',
  status: 'pending',
  version: 1,
  createdAt: '2026-03-02T02:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decisionNote: '',
})

test('SQLite: migration 10 gives old stations and their reports a unit', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= 9)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  for (const u of UNITS) old.prepare(`INSERT INTO org_units (id, parent_id, doc, path_key) VALUES (?, ?, ?, ?)`).run(u.id, u.parentId, JSON.stringify(u), `/${u.path.join('/')}/`)
  for (const { station } of OLD) {
    const s = oldStation(station)
    old.prepare('INSERT INTO stations (id, external_id, kind, status, amenity_mask, lng, lat, doc) VALUES (?, ?, ?, ?, 0, ?, ?, ?)').run(s.id, s.externalId, s.kind, s.status, s.location.lng, s.location.lat, JSON.stringify(s))
  }
  for (const r of [oldReport('r1', 's2'), oldReport('r2', 'gone')]) old.prepare('INSERT INTO problem_reports (id, status, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(r.id, r.status, r.createdAt, r.version, JSON.stringify(r))
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    for (const { station, unitId } of OLD) expect([station.id, (await repos.stations.get(station.id))?.unitId]).toEqual([station.id, unitId])
    expect((await repos.stations.list({ offset: 0, limit: 10 }, ['unit-a', 'unit-a1'])).map((s) => s.id)).toEqual(['s1', 's3'])
    expect((await repos.problemReports.get('r1'))?.unitId).toBe('unit-b')
    // A report of a station that is gone belongs to no unit: only the city's admins see it.
    expect((await repos.problemReports.get('r2'))?.unitId).toBe('')
    expect((await repos.problemReports.list('pending', { offset: 0, limit: 10 }, ['unit-b'])).items.map((r) => r.id)).toEqual(['r1'])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 003-station-units', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old stations and their reports a unit, once', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    for (const { station } of OLD) {
      const { id, location, ...fields } = oldStation(station)
      await db.collection('stations').add({ _id: id, ...fields, location: { type: 'Point', coordinates: [location.lng, location.lat] } })
    }
    const { id: _r, ...report } = oldReport('r1', 's2')
    await db.collection('problem_reports').add({ _id: 'r1', ...report })
    expect(await stationUnits.run({ db })).toEqual({ changed: OLD.length + 1 })
    expect(await stationUnits.run({ db })).toEqual({ changed: 0 })
    resetSdk()
    const store = createCloudbaseStore()
    for (const { station, unitId } of OLD) expect([station.id, (await store.repos.stations.get(station.id))?.unitId]).toEqual([station.id, unitId])
    expect((await store.repos.problemReports.get('r1'))?.unitId).toBe('unit-b')
    await store.close()
  })
})
