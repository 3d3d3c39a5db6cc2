import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { applicationRecord } from '../../../test/support/fixtures'
import { openSqliteStore } from '.'
import { openDatabase } from './connection'

let dir: { dir: string; cleanup: () => void }
beforeEach(() => (dir = tempDir()))
afterEach(() => dir.cleanup())

test('a statement prepared again is the same one, handed back without the mode an earlier call set', () => {
  const db = openDatabase(join(dir.dir, 'cache.db'))
  try {
    const sql = 'SELECT version, name FROM schema_migrations WHERE version = ?'
    const first = db.prepare(sql)
    expect(first.pluck().get(1)).toBe(1)
    expect(db.prepare(sql)).toBe(first)
    expect(db.prepare(sql).get(1)).toMatchObject({ version: 1 })
    expect(db.prepare(sql).raw().get(1)).toEqual([1, expect.any(String)])
    expect(db.prepare(sql).get(1)).toMatchObject({ version: 1 })
    // One still being iterated is not handed out: a nested use gets a statement of its own.
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck()
    const nested: number[] = []
    for (const v of rows.iterate() as Iterable<number>) nested.push(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().get() as number, v)
    expect(nested.slice(0, 4)).toEqual([1, 1, 1, 2])
  } finally {
    db.close()
  }
})

test('a query outside a transaction does not wait for one: it sees what was committed; the transaction sees its own writes', async () => {
  const store = openSqliteStore(join(dir.dir, 'lantian.db'))
  try {
    await store.repos.units.put({ id: 'u1', name: '单位', parentId: null, path: ['u1'] })
    await store.repos.applications.insert(applicationRecord('a1'))
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let inside: unknown
    const tx = store.transaction(async (repos) => {
      await repos.applications.update({ ...applicationRecord('a1'), status: 'screening', version: 2 }, 1)
      inside = (await repos.applications.get('a1'))?.status
      await held
    })
    await new Promise((resolve) => setImmediate(resolve))
    // The transaction holds the writing connection across its await; the read goes on without it.
    expect((await store.repos.applications.get('a1'))?.status).toBe('submitted')
    expect((await store.repos.applications.stageCountsUnder('u1', '2026-03-02T02:00:00.000Z')).submitted.total).toBe(1)
    expect((await store.repos.applications.statusCountsUnder('u1')).submitted).toBe(1)
    expect(inside).toBe('screening')
    release()
    await tx
    expect((await store.repos.applications.get('a1'))?.status).toBe('screening')
    // A write outside a transaction is read back at once.
    await store.repos.applications.insert(applicationRecord('a2'))
    expect(await store.repos.applications.get('a2')).toEqual(applicationRecord('a2'))
  } finally {
    await store.close()
  }
})

test('a write rolled back is never seen by a query', async () => {
  const store = openSqliteStore(join(dir.dir, 'lantian.db'))
  try {
    await expect(
      store.transaction(async (repos) => {
        await repos.applications.insert(applicationRecord('a1'))
        expect(await repos.applications.get('a1')).not.toBeNull()
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(await store.repos.applications.get('a1')).toBeNull()
  } finally {
    await store.close()
  }
})

test('the writing connection keeps its statement journals in memory; one transaction of a group that rewrote megabytes still rolls back alone', async () => {
  const file = join(dir.dir, 'lantian.db')
  const store = openSqliteStore(file)
  const direct = openDatabase(file)
  try {
    expect(direct.pragma('temp_store', { simple: true })).toBe(2)
    // 400 applications of about 3 KB: a few hundred pages before the group starts.
    await store.transaction(async (repos) => {
      await repos.units.put({ id: 'u1', name: '单位', parentId: null, path: ['u1'] })
      for (let i = 0; i < 400; i++) await repos.applications.insert({ ...applicationRecord(`a${String(i).padStart(3, '0')}`), name: `姓名${'长'.repeat(1000)}${i}` })
    })
    const before = await store.repos.applications.get('a000')
    // Queued together, so they share one group: the first writes a little; the second, in a
    // savepoint, rewrites every page of the table (far past the 64 KB a journal keeps before it
    // would go to a file) and throws; the third commits.
    const ahead = store.transaction(async (repos) => repos.applications.insert(applicationRecord('b0')))
    const failing = store.transaction(async (repos) => {
      for (let i = 0; i < 400; i++) {
        const id = `a${String(i).padStart(3, '0')}`
        const rec = (await repos.applications.get(id))!
        await repos.applications.update({ ...rec, status: 'screening', name: `改${i}`, version: rec.version + 1 }, rec.version)
      }
      throw new Error('rolled back')
    })
    const other = store.transaction(async (repos) => repos.applications.insert(applicationRecord('b1')))
    await expect(failing).rejects.toThrow('rolled back')
    await Promise.all([ahead, other])
    expect(await store.repos.applications.get('b0')).not.toBeNull()
    expect(await store.repos.applications.get('a000')).toEqual(before)
    expect((await store.repos.applications.get('a399'))!.status).toBe(before!.status)
    expect(await store.repos.applications.get('b1')).not.toBeNull()
  } finally {
    direct.close()
    await store.close()
  }
})
