/**
 * A small union tree with staff, on a fresh SQLite database, for the admin and jurisdiction tests.
 * Independent of the application fixtures in deps.ts.
 *
 *   unit-root 弥勒市总工会                (city admin: o-city-admin)
 *   ├ unit-a  弥阳街道总工会              (town admin: o-town-admin, caseworker: o-caseworker)
 *   │ ├ unit-a1  农机厂工会
 *   │ └ unit-a2  髯翁社区工会
 *   │   └ unit-a2x 髯翁社区第一小组
 *   └ unit-b  新哨镇总工会                (admin: o-b-admin)
 *     └ unit-b1  新哨镇中心学校工会
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { createCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { handle } from '../../server/functions'
import type { Deps, OrgUnitRecord, StaffRecord, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { TestClock, tempDir } from './deps'

export const UNITS: OrgUnitRecord[] = [
  { id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] },
  { id: 'unit-a', name: '弥阳街道总工会', parentId: 'unit-root', path: ['unit-root', 'unit-a'] },
  { id: 'unit-a1', name: '农机厂工会', parentId: 'unit-a', path: ['unit-root', 'unit-a', 'unit-a1'] },
  { id: 'unit-a2', name: '髯翁社区工会', parentId: 'unit-a', path: ['unit-root', 'unit-a', 'unit-a2'] },
  { id: 'unit-a2x', name: '髯翁社区第一小组', parentId: 'unit-a2', path: ['unit-root', 'unit-a', 'unit-a2', 'unit-a2x'] },
  { id: 'unit-b', name: '新哨镇总工会', parentId: 'unit-root', path: ['unit-root', 'unit-b'] },
  { id: 'unit-b1', name: '新哨镇中心学校工会', parentId: 'unit-b', path: ['unit-root', 'unit-b', 'unit-b1'] },
]

export const STAFF: StaffRecord[] = [
  { openid: 'o-city-admin', displayName: '赵强', unitId: 'unit-root', roles: ['admin', 'reviewer'], active: true },
  { openid: 'o-town-admin', displayName: '王芳', unitId: 'unit-a', roles: ['admin'], active: true },
  { openid: 'o-caseworker', displayName: '李娟', unitId: 'unit-a', roles: ['caseworker'], active: true },
  { openid: 'o-b-admin', displayName: '陈刚', unitId: 'unit-b', roles: ['admin'], active: true },
]

export interface TreeFixture {
  deps: Deps
  clock: TestClock
  /** Calls a function as `openid` through the event contract, like a client. */
  call: (openid: string, fn: string, action: string, input?: Record<string, unknown>) => ReturnType<typeof handle>
  close: () => Promise<void>
}

/** The tree on a fresh SQLite database, or on `given` (closed by the caller's own close). */
export async function unionTree(given?: Store): Promise<TreeFixture> {
  const { dir, cleanup } = tempDir()
  const store = given ?? openSqliteStore(join(dir, 'lantian.db'))
  const clock = new TestClock()
  const deps: Deps = {
    store,
    clock,
    ids: randomIds,
    cipher: createCipher(randomBytes(32)),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: localFileStore(join(dir, 'files'), randomBytes(32)),
  }
  await store.transaction(async (repos) => {
    for (const u of UNITS) await repos.units.put(u)
    for (const s of STAFF) await repos.staff.put(s)
  })
  return {
    deps,
    clock,
    call: (openid, fn, action, input = {}) => handle(fn, { action, input }, { openid }, deps),
    close: async () => {
      if (!given) await store.close()
      cleanup()
    },
  }
}
