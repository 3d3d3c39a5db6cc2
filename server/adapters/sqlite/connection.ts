import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

/** Opens the database file in WAL mode and applies pending migrations, each in its own transaction. */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Reads through a 256 MB memory map and a 64 MB page cache: a nearby query touches scattered pages of the stations table.
  db.pragma('mmap_size = 268435456')
  db.pragma('cache_size = -65536')
  migrate(db)
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

/** Serialises access to the one connection: a transaction holds it across its awaits. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve()

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      return await work()
    } finally {
      release()
    }
  }
}

// Not `instanceof`: under jest a module loaded by another test file has its own Error class.
/** Whether a write failed on a unique key or another constraint. */
export const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')
