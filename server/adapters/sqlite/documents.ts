import type { PageRequest } from '../../ports'
import type { Db } from './connection'

// Every table keeps its record as JSON in a `doc` column, beside copies of the fields its queries filter and sort by.

/** Every unit whose path holds the unit `?` (a unit's key is a prefix of those below it: a range, the byte after '/' being '0'). */
export const UNDER_UNIT = `unit_id IN (SELECT u.id FROM org_units r, org_units u WHERE r.id = ? AND u.path_key >= r.path_key AND u.path_key < substr(r.path_key, 1, length(r.path_key) - 1) || '0')`

/** The record of the row `sql` selects (its `doc` column), or null when there is none. */
export function readOne<T>(db: Db, sql: string, ...params: unknown[]): T | null {
  const doc = db.prepare(sql).pluck().get(...params) as string | undefined
  return doc === undefined ? null : (JSON.parse(doc) as T)
}

/** The records of the rows `sql` selects (their `doc` column), in its order. */
export function readAll<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return (db.prepare(sql).pluck().all(...params) as string[]).map((doc) => JSON.parse(doc) as T)
}

/**
 * A page of the records of `from` (a table and its WHERE clause, whose `?` take `params`) in
 * `order`, and how many rows `from` holds. A limit below 1 reads none.
 */
export function readPage<T>(db: Db, from: string, params: readonly unknown[], order: string, { offset, limit }: PageRequest): { items: T[]; total: number } {
  return {
    items: readAll<T>(db, `SELECT doc FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`, ...params, Math.max(0, limit), offset),
    total: db.prepare(`SELECT count(*) FROM ${from}`).pluck().get(...params) as number,
  }
}

/** Records of `table` whose `key_version` is below `version` (0: nothing sealed), for a key rotation. */
export function underOldKey<R>(db: Db, table: string, version: number, limit: number): { items: R[]; remaining: number } {
  return {
    items: readAll<R>(db, `SELECT doc FROM ${table} WHERE key_version > 0 AND key_version < ? ORDER BY key_version, id LIMIT ?`, version, Math.max(0, limit)),
    remaining: db.prepare(`SELECT count(*) FROM ${table} WHERE key_version > 0 AND key_version < ?`).pluck().get(version) as number,
  }
}

/** Runs a write and tells whether it changed exactly one row: an update at the expected version or status, an insert not skipped. */
/** The documents of `table` with these ids that exist (one statement however many). */
export const readByIds = <T>(db: Db, table: string, ids: readonly string[]): T[] =>
  ids.length ? readAll<T>(db, `SELECT doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)) : []

export const changedOne = (db: Db, sql: string, ...params: unknown[]): boolean => db.prepare(sql).run(...params).changes === 1

/**
 * Insert, read and a guarded write, for a table holding one record a row with key `id`: `columns`
 * are copied out of the record beside its `doc`, and an update lands only while the stored
 * `guard` column still holds the value the caller read.
 */
export function guardedRows<R extends { id: string }, G>(db: Db, table: string, columns: Record<string, (rec: R) => unknown>, guard = 'version') {
  const names = Object.keys(columns)
  const values = (rec: R) => [...names.map((name) => columns[name](rec)), JSON.stringify(rec)]
  const insert = db.prepare(`INSERT INTO ${table} (id, ${names.join(', ')}, doc) VALUES (?, ${names.map(() => '?, ').join('')}?)`)
  const update = db.prepare(`UPDATE ${table} SET ${names.map((name) => `${name} = ?, `).join('')}doc = ? WHERE id = ? AND ${guard} = ?`)
  return {
    async insert(rec: R): Promise<void> {
      insert.run(rec.id, ...values(rec))
    },
    async get(id: string): Promise<R | null> {
      return readOne<R>(db, `SELECT doc FROM ${table} WHERE id = ?`, id)
    },
    async update(rec: R, expected: G): Promise<boolean> {
      return update.run(...values(rec), rec.id, expected).changes === 1
    },
  }
}

/** Read and replace by key, for a table of a key column and the record's `doc`. */
export function keyedDocs<R>(db: Db, table: string, keyColumn: string, keyOf: (rec: R) => string) {
  return {
    async get(key: string): Promise<R | null> {
      return readOne<R>(db, `SELECT doc FROM ${table} WHERE ${keyColumn} = ?`, key)
    },
    async put(rec: R): Promise<void> {
      db.prepare(`INSERT INTO ${table} (${keyColumn}, doc) VALUES (?, ?) ON CONFLICT (${keyColumn}) DO UPDATE SET doc = excluded.doc`).run(keyOf(rec), JSON.stringify(rec))
    },
  }
}
