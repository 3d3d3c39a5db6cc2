import type { OrgUnitRecord, OrgUnitRepository } from '../../ports'
import type { Db } from './connection'

/** `/root/child/unit/`: unit ids hold no '/', so a subtree is a prefix range. */
const pathKey = (path: readonly string[]) => `/${path.join('/')}/`

export function orgUnitRepository(db: Db): OrgUnitRepository {
  return {
    async get(id) {
      const doc = db.prepare('SELECT doc FROM org_units WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as OrgUnitRecord) : null
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
      const docs = db.prepare('SELECT doc FROM org_units WHERE path_key >= ? AND path_key < ?').pluck().all(root, `${root.slice(0, -1)}0`) as string[]
      return docs.map((d) => JSON.parse(d) as OrgUnitRecord)
    },
    async children(parentId) {
      const docs = (
        parentId === null
          ? db.prepare('SELECT doc FROM org_units WHERE parent_id IS NULL ORDER BY id').pluck().all()
          : db.prepare('SELECT doc FROM org_units WHERE parent_id = ? ORDER BY id').pluck().all(parentId)
      ) as string[]
      return docs.map((d) => JSON.parse(d) as OrgUnitRecord)
    },
  }
}
