import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

/** What a staff record granted when a session began: any other change to it ends the session. */
export interface StaffStamp {
  version: number
  active: boolean
  unitId: string
  roles: string[]
  /** When the identity was bound by an invitation code, if it was. */
  boundAt: string | null
}

/** A signed-in browser: who, until when, and the staff record it was granted under (null: a worker). */
export interface SessionRecord {
  sub: string
  name: string
  /** Milliseconds since the epoch. */
  expiresAt: number
  staff: StaffStamp | null
}

/** Server-side sessions of the local runtime, keyed by an id only the browser's cookie holds. */
export interface SessionStore {
  /** A new session; returns its id (32 random bytes, base64url), which is never stored, only its hash. */
  create(rec: SessionRecord, now: number): string
  /** The live session of this id, or null (unknown, ended or expired). */
  find(id: string, now: number): SessionRecord | null
  /** Takes a new staff stamp (the person bound themselves by an invitation code during the session). */
  restamp(id: string, staff: StaffStamp | null): void
  end(id: string): void
  close(): void
}

/** A session id as the cookie carries it: 43 base64url characters. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

const digest = (id: string) => createHash('sha256').update(id).digest('hex')

/**
 * Sessions in their own SQLite file beside the data: they survive a restart (as the signed cookie
 * did), and a sign-out or a role change ends them for good. Not the store's file: its one
 * connection is private to the store, and a second connection writing there would wait,
 * synchronously, on a store transaction that holds the write lock across an await.
 */
export function openSessionStore(file: string): SessionStore {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    sub TEXT NOT NULL,
    name TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    staff TEXT
  );
  CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);`)
  const insert = db.prepare('INSERT INTO sessions (id_hash, sub, name, expires_at, staff) VALUES (?, ?, ?, ?, ?)')
  const select = db.prepare<[string, number], { sub: string; name: string; expires_at: number; staff: string | null }>(
    'SELECT sub, name, expires_at, staff FROM sessions WHERE id_hash = ? AND expires_at > ?',
  )
  const update = db.prepare('UPDATE sessions SET staff = ? WHERE id_hash = ?')
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?')
  const prune = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')
  return {
    create(rec, now) {
      prune.run(now)
      const id = randomBytes(32).toString('base64url')
      insert.run(digest(id), rec.sub, rec.name, rec.expiresAt, rec.staff && JSON.stringify(rec.staff))
      return id
    },
    find(id, now) {
      if (!SESSION_ID.test(id)) return null
      const row = select.get(digest(id), now)
      return row ? { sub: row.sub, name: row.name, expiresAt: row.expires_at, staff: row.staff ? (JSON.parse(row.staff) as StaffStamp) : null } : null
    },
    restamp(id, staff) {
      update.run(staff && JSON.stringify(staff), digest(id))
    },
    end(id) {
      remove.run(digest(id))
    },
    close() {
      db.close()
    },
  }
}
