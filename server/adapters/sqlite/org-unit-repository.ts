import type { OrgUnitRecord, OrgUnitRepository } from '../../ports'
import type { Db } from './connection'
import { readAll, readByIds, readOne } from './documents'

/** `/root/child/unit/`: unit ids hold no '/', so a subtree is a prefix range. */
const pathKey = (path: readonly string[]) => `/${path.join('/')}/`

export function orgUnitRepository(db: Db): OrgUnitRepository {
  return {
    async get(id) {
      return readOne(db, 'SELECT doc FROM org_units WHERE id = ?', id)
    },
    async put(u) {
      db.prepare(
        'INSERT INTO org_units (id, parent_id, path_key, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, path_key = excluded.path_key, doc = excluded.doc',
      ).run(u.id, u.parentId, pathKey(u.path), JSON.stringify(u))
    },
    async subtree(rootId) {
      const root = db.prepare('SELECT path_key FROM org_units WHERE id = ?').pluck().get(rootId) as string | undefined
      if (!root) return []
      // Every path below the root starts with the root's key: a range on the index (the byte after '/' is '0').
      return readAll<OrgUnitRecord>(db, 'SELECT doc FROM org_units WHERE path_key >= ? AND path_key < ?', root, `${root.slice(0, -1)}0`)
    },
    async getMany(ids) {
      return readByIds(db, 'org_units', ids)
    },
    async spreadPaths() {
      // Triggers file a unit's records under its new path as the unit is written (migration 17).
    },
    async childPage(parentId, afterId, limit) {
      return readAll(db, 'SELECT doc FROM org_units WHERE parent_id = ? AND id > ? ORDER BY id LIMIT ?', parentId, afterId ?? '', Math.max(0, limit))
    },
    async children(parentId) {
      return parentId === null
        ? readAll(db, 'SELECT doc FROM org_units WHERE parent_id IS NULL ORDER BY id')
        : readAll(db, 'SELECT doc FROM org_units WHERE parent_id = ? ORDER BY id', parentId)
    },
  }
}
