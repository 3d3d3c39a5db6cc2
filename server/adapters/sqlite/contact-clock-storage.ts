import { filedSpells, overdueSpells, type FiledSpell, type OverdueSpell } from '../../../src/domain/contact-spells'
import { DEFAULT_CONTACT_OVERDUE_DAYS } from '../../../src/domain/household'
import type { HouseholdRecord, OverdueEntry } from '../../ports'
import { contactDaysFromLog, statusKeyOf, withContactClocks, type ClockStorage, type ContactClock, type PlainRepositories, type SpellChanges } from '../contact-clocks/maintain'
import { buildCheckCounts } from './check-repository'
import type { Db } from './connection'
import type { Migration } from './migrations'

/**
 * Overdue contacts on SQLite (server/adapters/contact-clocks/maintain.ts): the clock per household,
 * each spell once under every unit of its unit's path (`overdue_entries`, read for the list in
 * order of the day the days count from), and per unit and day the spells started and ended
 * (`overdue_counts`), so a count sums at most a row per day of the calendar, not per household.
 */
export function sqliteClockStorage(db: Db): ClockStorage & { putSync: (clock: ContactClock, changes: SpellChanges, before: ContactClock | null) => void } {
  const readClock = db.prepare('SELECT doc FROM contact_clocks WHERE household_id = ?').pluck()
  const writeClock = db.prepare('INSERT INTO contact_clocks (household_id, doc) VALUES (?, ?) ON CONFLICT (household_id) DO UPDATE SET doc = excluded.doc')
  const pathOf = db.prepare(`SELECT json_extract(doc, '$.path') FROM org_units WHERE id = ?`).pluck()
  const addEntry = db.prepare('INSERT INTO overdue_entries (ancestor_id, end_on, anchor_on, household_id, start_on, unit_id, contact_on) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const dropEntry = db.prepare('DELETE FROM overdue_entries WHERE ancestor_id = ? AND end_on = ? AND anchor_on = ? AND household_id = ? AND start_on = ?')
  const bump = db.prepare('INSERT INTO overdue_counts (ancestor_id, edge, day, n) VALUES (?, ?, ?, ?) ON CONFLICT (ancestor_id, edge, day) DO UPDATE SET n = n + excluded.n')
  const addFiled = db.prepare('INSERT INTO filed_entries (ancestor_id, start_at, household_id, end_at) VALUES (?, ?, ?, ?)')
  const dropFiled = db.prepare('DELETE FROM filed_entries WHERE ancestor_id = ? AND start_at = ? AND household_id = ?')
  const bumpFiled = db.prepare('INSERT INTO filed_counts (ancestor_id, edge, day, n) VALUES (?, ?, ?, ?) ON CONFLICT (ancestor_id, edge, day) DO UPDATE SET n = n + excluded.n')
  const filedBefore = db.prepare('SELECT coalesce(sum(n), 0) FROM filed_counts WHERE ancestor_id = ? AND edge = ? AND day < ?').pluck()
  const startedSince = db.prepare('SELECT count(*) FROM filed_entries WHERE ancestor_id = ? AND start_at >= ? AND start_at < ?').pluck()
  const endedSince = db.prepare('SELECT count(*) FROM filed_entries WHERE ancestor_id = ? AND end_at >= ? AND end_at < ?').pluck()
  const sumTo = db.prepare('SELECT coalesce(sum(n), 0) FROM overdue_counts WHERE ancestor_id = ? AND edge = ? AND day <= ?').pluck()
  const open = db.prepare(
    `SELECT household_id AS householdId, unit_id AS unitId, anchor_on AS anchorOn, contact_on AS contactOn FROM overdue_entries
      WHERE ancestor_id = ? AND end_on = '9999-12-31' AND start_on <= ? ORDER BY anchor_on, household_id LIMIT ?`,
  )
  const lastClosedEnd = db.prepare(`SELECT max(end_on) FROM overdue_entries WHERE ancestor_id = ? AND end_on < '9999-12-31'`).pluck()
  // For a day before the last spell ended: every spell in order of its anchor, those holding the day taken.
  const holding = db.prepare(
    `SELECT household_id AS householdId, unit_id AS unitId, anchor_on AS anchorOn, contact_on AS contactOn FROM overdue_entries INDEXED BY overdue_entries_by_anchor
      WHERE ancestor_id = ? AND start_on <= ? AND end_on > ? ORDER BY anchor_on, household_id LIMIT ?`,
  )
  const ancestors = (unitId: string): string[] => {
    const raw = pathOf.get(unitId) as string | undefined
    return raw ? (JSON.parse(raw) as string[]) : [unitId]
  }
  const change = (path: readonly string[], unitId: string, householdId: string, s: OverdueSpell, sign: 1 | -1) => {
    for (const a of path) {
      if (sign === 1) addEntry.run(a, s.end, s.anchorOn, householdId, s.start, unitId, s.contactOn)
      else dropEntry.run(a, s.end, s.anchorOn, householdId, s.start)
      bump.run(a, 's', s.start, sign)
      bump.run(a, 'e', s.end, sign)
    }
  }
  const changeFiled = (path: readonly string[], householdId: string, s: FiledSpell, sign: 1 | -1) => {
    for (const a of path) {
      if (sign === 1) addFiled.run(a, s.start, householdId, s.end)
      else dropFiled.run(a, s.start, householdId)
      bumpFiled.run(a, 's', s.start.slice(0, 10), sign)
      bumpFiled.run(a, 'e', s.end.slice(0, 10), sign)
    }
  }
  const putSync = (clock: ContactClock, changes: SpellChanges, before: ContactClock | null) => {
    const oldUnit = before?.unitId || clock.unitId
    const oldPath = before?.path ?? ancestors(oldUnit)
    const path = ancestors(clock.unitId)
    for (const s of changes.gone) change(oldPath, oldUnit, clock.householdId, s, -1)
    for (const s of changes.filedGone) changeFiled(oldPath, clock.householdId, s, -1)
    for (const s of changes.added) change(path, clock.unitId, clock.householdId, s, 1)
    for (const s of changes.filedAdded) changeFiled(path, clock.householdId, s, 1)
    writeClock.run(clock.householdId, JSON.stringify({ ...clock, path }))
  }
  return {
    async get(householdId) {
      const raw = readClock.get(householdId) as string | undefined
      return raw ? (JSON.parse(raw) as ContactClock) : null
    },
    async put(clock, changes, before) {
      putSync(clock, changes, before)
    },
    putSync,
    async overdueCount(unitId, day) {
      return Number(sumTo.get(unitId, 's', day)) - Number(sumTo.get(unitId, 'e', day))
    },
    async filedCount(unitId, at) {
      const day = at.slice(0, 10)
      const started = Number(filedBefore.get(unitId, 's', day)) + Number(startedSince.get(unitId, day, at))
      const ended = Number(filedBefore.get(unitId, 'e', day)) + Number(endedSince.get(unitId, day, at))
      return started - ended
    },
    async overdueLongest(unitId, day, limit) {
      if (limit <= 0) return []
      // Spells end on a day something happened (not after today): for a day after the last one, only open spells hold it.
      const last = lastClosedEnd.get(unitId) as string | null
      return (last === null || last <= day ? open.all(unitId, day, limit) : holding.all(unitId, day, day, limit)) as OverdueEntry[]
    },
  }
}

/** `repos` with the overdue contacts kept by every household and contact write (in its transaction when there is one). */
export function withSqliteContactClocks<R extends PlainRepositories>(db: Db, repos: R) {
  return withContactClocks(repos, sqliteClockStorage(db), (id) => contactDaysFromLog(repos, id))
}

/** Every household's clock and spells built from its record and contact log (the backfill; the tables start empty). */
export function buildContactClocks(db: Db): number {
  const storage = sqliteClockStorage(db)
  const policyDays = new Map((db.prepare(`SELECT unit_id AS unitId, json_extract(doc, '$.contactOverdueDays') AS days FROM policies`).all() as { unitId: string; days: number | null }[]).map((p) => [p.unitId, p.days]))
  const paths = new Map((db.prepare(`SELECT id, json_extract(doc, '$.path') AS path FROM org_units`).all() as { id: string; path: string }[]).map((u) => [u.id, JSON.parse(u.path) as string[]]))
  const daysOf = (unitId: string) => {
    for (const id of [...(paths.get(unitId) ?? [unitId])].reverse()) {
      const d = policyDays.get(id)
      if (d !== undefined && d !== null) return d
    }
    return DEFAULT_CONTACT_OVERDUE_DAYS
  }
  const contactDays = new Map<string, Set<string>>()
  for (const r of db.prepare(`SELECT household_id AS householdId, json_extract(doc, '$.on') AS day FROM contacts`).iterate() as Iterable<{ householdId: string; day: string }>) {
    const set = contactDays.get(r.householdId)
    if (set) set.add(r.day)
    else contactDays.set(r.householdId, new Set([r.day]))
  }
  let n = 0
  for (const { doc } of db.prepare('SELECT doc FROM households').all() as { doc: string }[]) {
    const h = JSON.parse(doc) as HouseholdRecord
    const days = daysOf(h.unitId)
    const cd = [...(contactDays.get(h.id) ?? [])].sort()
    const spells = overdueSpells(h.history, cd, days)
    const filed = filedSpells(h.history)
    storage.putSync({ householdId: h.id, unitId: h.unitId, days, contactDays: cd, statusKey: statusKeyOf(h), spells, filed }, { gone: [], added: spells, filedGone: [], filedAdded: filed }, null)
    n++
  }
  return n
}

/** Migration 46: overdue contacts kept per household, backfilled (CloudBase: migrations/018-overdue-contacts.ts). */
export const CONTACT_CLOCKS_MIGRATION: Migration = {
  version: 46,
  name: "overdue contacts and campaigns' progress kept: each household's overdue spells and spells on file under every unit above it, counted per day; check records counted per campaign and unit",
  sql: `
    CREATE TABLE contact_clocks (household_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE overdue_entries (
      ancestor_id TEXT NOT NULL, end_on TEXT NOT NULL, anchor_on TEXT NOT NULL, household_id TEXT NOT NULL, start_on TEXT NOT NULL,
      unit_id TEXT NOT NULL, contact_on TEXT,
      PRIMARY KEY (ancestor_id, end_on, anchor_on, household_id, start_on)) WITHOUT ROWID;
    CREATE INDEX overdue_entries_by_anchor ON overdue_entries (ancestor_id, anchor_on, household_id, start_on, end_on);
    CREATE TABLE overdue_counts (ancestor_id TEXT NOT NULL, edge TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, edge, day)) WITHOUT ROWID;
    CREATE TABLE filed_entries (ancestor_id TEXT NOT NULL, start_at TEXT NOT NULL, household_id TEXT NOT NULL, end_at TEXT NOT NULL, PRIMARY KEY (ancestor_id, start_at, household_id)) WITHOUT ROWID;
    CREATE INDEX filed_entries_by_end ON filed_entries (ancestor_id, end_at);
    CREATE TABLE check_counts (campaign_id TEXT NOT NULL, ancestor_id TEXT NOT NULL, what TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (campaign_id, ancestor_id, what)) WITHOUT ROWID;
    CREATE TABLE filed_counts (ancestor_id TEXT NOT NULL, edge TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, edge, day)) WITHOUT ROWID;
  `,
  run: (db) => {
    buildContactClocks(db)
    buildCheckCounts(db)
  },
}
