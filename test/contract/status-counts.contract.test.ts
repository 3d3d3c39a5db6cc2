/**
 * Issue 14: the dashboard's applications by status, counted under any unit however many units and
 * applications (SQLite: counts kept per unit above and status, migration 60; CloudBase: counted on
 * the index by unit path and status). On both stores the counts under every unit equal the records'
 * own count (the oracle) as applications are written, change status or unit, and as a unit moves to
 * another city; drafts are never counted.
 */
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../src/domain/application-status'
import { moveUnit } from '../../server/usecases/admin/units'
import type { ApplicationRecord, OrgUnitRecord, Store } from '../../server/ports'
import { sqliteDeps } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { contractStores } from './stores'

const { factories } = contractStores()

/** prov → c0, c1 → three units each, one of them with a unit of its own below. */
function tree(): OrgUnitRecord[] {
  const out: OrgUnitRecord[] = [{ id: 'prov', name: '省总工会', parentId: null, path: ['prov'] }]
  for (const c of ['c0', 'c1']) {
    out.push({ id: c, name: c, parentId: 'prov', path: ['prov', c] })
    for (let u = 0; u < 3; u++) out.push({ id: `${c}-u${u}`, name: `${c}-u${u}`, parentId: c, path: ['prov', c, `${c}-u${u}`] })
  }
  out.push({ id: 'c0-u1-s', name: 'c0-u1-s', parentId: 'c0-u1', path: ['prov', 'c0', 'c0-u1', 'c0-u1-s'] })
  return out
}

/** A deterministic spread of applications over every unit and status, drafts among them. */
function applications(units: OrgUnitRecord[]): ApplicationRecord[] {
  return Array.from({ length: 90 }, (_, i) =>
    applicationRecord(`a${String(i).padStart(3, '0')}`, { unitId: units[(i * 7) % units.length].id, status: APPLICATION_STATUSES[(i * 3) % APPLICATION_STATUSES.length] }),
  )
}

/** The oracle: each status's applications of units whose path holds `under`, drafts as 0. */
function expected(units: OrgUnitRecord[], apps: ApplicationRecord[], under: string): Record<ApplicationStatus, number> {
  const paths = new Map(units.map((u) => [u.id, u.path]))
  const out = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>
  for (const a of apps) if (a.status !== 'draft' && paths.get(a.unitId)!.includes(under)) out[a.status]++
  return out
}

describe.each(factories)('applications by status under any unit: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  const expectAll = async (units: OrgUnitRecord[], apps: ApplicationRecord[]) => {
    for (const u of units) expect([u.id, await store.repos.applications.statusCountsUnder(u.id)]).toEqual([u.id, expected(units, apps, u.id)])
  }

  it('counts what each unit and those below it hold, as applications change and a unit moves', async () => {
    let units = tree()
    for (const u of units) await store.repos.units.put(u)
    const apps = applications(units)
    for (const a of apps) await store.repos.applications.insert(a)
    expect(apps.filter((a) => a.status === 'draft').length).toBeGreaterThan(0)
    await expectAll(units, apps)
    expect(Object.values(await store.repos.applications.statusCountsUnder('prov')).reduce((a, b) => a + b, 0)).toBe(apps.filter((a) => a.status !== 'draft').length)

    // Drafts submitted, cases moved on, an open and a returned case sent to another unit; a draft's save changes nothing.
    const returned = apps.findIndex((a) => a.status === 'returned')
    const changed = apps.map((a, i): ApplicationRecord => {
      if (a.status === 'draft' && i % 2 === 0) return { ...a, status: 'submitted', version: 2 }
      if (a.status === 'publicizing') return { ...a, status: 'filed', version: 2 }
      if (a.status === 'draft') return { ...a, name: '改过的名字', version: 2 }
      if (i === 4 || i === returned) return { ...a, unitId: a.unitId === 'c0-u2' ? 'c1-u2' : 'c0-u2', version: 2 }
      return a
    })
    for (const [i, a] of changed.entries()) if (a !== apps[i]) expect(await store.repos.applications.update(a, 1)).toBe(true)
    await expectAll(units, changed)

    // c0-u1 (with the unit below it) moves from c0 to c1: its applications are counted there.
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    const { deps } = sqliteDeps(store)
    await expect(moveUnit(deps, admin, { unitId: 'c0-u1', version: 0, parentId: 'c1' })).resolves.toMatchObject({ moved: 2 })
    units = units.map((u) => (u.path.includes('c0-u1') ? { ...u, parentId: u.id === 'c0-u1' ? 'c1' : u.parentId, path: ['prov', 'c1', ...u.path.slice(2)] } : u))
    expect(expected(units, changed, 'c1')).not.toEqual(expected(tree(), changed, 'c1'))
    await expectAll(units, changed)
  }, 60_000)
})
