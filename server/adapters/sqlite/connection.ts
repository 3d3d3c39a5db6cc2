import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

/** How many distinct SQL texts a connection keeps prepared (the repositories use a few hundred at most). */
const STATEMENT_CACHE_SIZE = 500

/** Opens the database file in WAL mode and applies pending migrations, each in its own transaction. */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  tune(db)
  migrate(db)
  // After the migrations (a backfill's one statement may rewrite a whole table). A write statement
  // inside a transaction keeps a statement journal (a copy of each page it changes, to undo it
  // alone), and so does each savepoint of the group commit. Past 64 KB SQLite moved it to a
  // temporary file, a write system call per page: 23 % of a submit's CPU, 37-40 % of an insert's
  // in a batch. In memory it holds the pages of one statement, or of one job of a group after the
  // first (group-commit.ts: the first runs without a savepoint, so a long batch's journal is emptied
  // after each statement instead of growing); BENCHMARKS.md, h14-submit-cpu. Sorts and temporary
  // tables of this connection are in memory too; the reading connection keeps the default.
  db.pragma('temp_store = MEMORY')
  return cachePrepared(db)
}

/**
 * A second, read-only connection to a database `openDatabase` opened: in WAL mode it reads the
 * last committed state while the other connection writes, so a query need not wait for a
 * transaction to end.
 */
export function openReader(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  tune(db)
  return cachePrepared(db)
}

function tune(db: Db): void {
  db.pragma('busy_timeout = 5000')
  // Reads through a 256 MB memory map and a 64 MB page cache: a nearby query touches scattered pages of the stations table.
  db.pragma('mmap_size = 268435456')
  db.pragma('cache_size = -65536')
}

/**
 * Makes `db.prepare` return the statement it prepared before for the same SQL (the most recently
 * used few hundred), so a repository may call it on every call at no cost. A statement comes back
 * with its default modes (no pluck, expand or raw): a statement kept with a mode must not share its
 * SQL text with another call site. One still being iterated is not handed out again.
 */
function cachePrepared(db: Db): Db {
  const prepare = db.prepare.bind(db) as (sql: string) => Database.Statement
  const cache = new Map<string, Database.Statement>()
  db.prepare = ((sql: string) => {
    const cached = cache.get(sql)
    if (cached?.busy) return prepare(sql)
    if (cached) {
      cache.delete(sql)
      cache.set(sql, cached)
      if (cached.reader) cached.pluck(false).expand(false).raw(false)
      return cached
    }
    const stmt = prepare(sql)
    cache.set(sql, stmt)
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    return stmt
  }) as Db['prepare']
  return db
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[])
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      m.run?.(db)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    })()
  }
}

// Not `instanceof`: under jest a module loaded by another test file has its own Error class.
/** Whether a write failed on a unique key or another constraint. */
export const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')

/** Whether a statement tried to write through a read-only connection. */
export const isReadOnlyRefusal = (e: unknown) =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_READONLY')
