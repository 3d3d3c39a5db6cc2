import Database from 'better-sqlite3'
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { groupCommit, MAX_GROUP } from './group-commit'

let dir: { dir: string; cleanup: () => void }
let db: Database.Database
let commits: number
const file = () => join(dir.dir, 'group.db')
beforeEach(() => {
  dir = tempDir()
  db = new Database(file())
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)')
  commits = 0
  const exec = db.exec.bind(db)
  db.exec = (sql: string) => {
    if (sql === 'COMMIT') commits++
    return exec(sql)
  }
})
afterEach(() => {
  db.close()
  dir.cleanup()
})

const insert = (id: string) => async () => void db.prepare('INSERT INTO t (id) VALUES (?)').run(id)
/** What another connection sees: only what was committed. */
const committed = () => {
  const other = new Database(file(), { readonly: true })
  try {
    return other.prepare('SELECT id FROM t ORDER BY id').pluck().all()
  } finally {
    other.close()
  }
}

test('transactions queued together share one commit; each caller hears back only once it is committed', async () => {
  const writer = groupCommit(db)
  const seen: unknown[][] = []
  await Promise.all(['a', 'b', 'c'].map((id) => writer.run(insert(id)).then(() => seen.push(committed()))))
  expect(commits).toBe(1)
  expect(seen).toEqual([['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b', 'c']])
})

test('one that throws is rolled back alone: the others of its group are committed', async () => {
  const writer = groupCommit(db)
  const outcomes = await Promise.allSettled([
    writer.run(insert('a')),
    writer.run(async () => {
      await insert('b')()
      throw new Error('refused')
    }),
    // A key already written in the same group: refused by the table, the rest stands.
    writer.run(insert('a')),
    writer.run(insert('c')),
  ])
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
  expect(committed()).toEqual(['a', 'c'])
  expect(commits).toBe(1)
})

test('the first of a group runs without a savepoint: when it throws, its writes are rolled back whole and the jobs behind it are committed', async () => {
  const writer = groupCommit(db)
  const savepoints: string[] = []
  const exec = db.exec
  db.exec = (sql: string) => {
    if (sql.startsWith('SAVEPOINT')) savepoints.push(sql)
    return exec(sql)
  }
  const outcomes = await Promise.allSettled([
    writer.run(async () => {
      await insert('a')()
      await insert('b')()
      throw new Error('refused')
    }),
    writer.run(insert('c')),
    writer.run(insert('d')),
  ])
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
  expect(committed()).toEqual(['c', 'd'])
  expect(db.inTransaction).toBe(false)
  // The next group: c first (no savepoint), d in one.
  expect(savepoints).toEqual(['SAVEPOINT grouped'])
  db.exec = exec
})

test('a group takes at most MAX_GROUP transactions; the rest follow in the next', async () => {
  const writer = groupCommit(db)
  await Promise.all(Array.from({ length: MAX_GROUP + 1 }, (_v, i) => writer.run(insert(`k${String(i).padStart(3, '0')}`))))
  expect(commits).toBe(2)
  expect(committed()).toHaveLength(MAX_GROUP + 1)
})

test('when the commit fails, every transaction of the group is told so and nothing is written', async () => {
  const writer = groupCommit(db)
  const exec = db.exec
  db.exec = (sql: string) => {
    if (sql === 'COMMIT') throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
    return exec(sql)
  }
  const outcomes = await Promise.allSettled([writer.run(insert('a')), writer.run(insert('b'))])
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
  db.exec = exec
  expect(db.inTransaction).toBe(false)
  await writer.run(insert('c'))
  expect(committed()).toEqual(['c'])
})
