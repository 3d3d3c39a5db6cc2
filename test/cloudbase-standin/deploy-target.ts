import type { Change, CurrentState, DesiredState } from '../../scripts/deploy/model'
import type { CloudbaseTarget } from '../../scripts/deploy/target'
import type { Standin } from '.'

/**
 * The stand-in as deploy sees an environment: its collections and indexes. Deploy's own planner
 * decides what to create, so tests get exactly the collections and indexes production gets.
 * Functions, permissions and storage rules are not the database's business: reported as wanted (functions absent) and not applied.
 */
export class StandinTarget implements CloudbaseTarget {
  constructor(private readonly standin: Standin) {}

  async describe(desired: DesiredState): Promise<CurrentState> {
    const schema = this.standin.schema()
    const collections = desired.collections.filter((c) => schema.has(c.name)).map((c) => [c.name, { name: c.name, indexes: schema.get(c.name)!, acl: c.acl }] as const)
    return { functions: {}, collections: Object.fromEntries(collections), storage: desired.storage }
  }

  async apply(change: Change, desired: DesiredState): Promise<void> {
    const indexOf = (collection: string, name: string) => {
      const index = desired.collections.find((c) => c.name === collection)?.indexes.find((i) => i.name === name)
      if (!index) throw new Error(`${change.kind}: ${collection}.${name} is not declared`)
      return index
    }
    switch (change.kind) {
      case 'collection.create':
        return this.standin.createCollection(change.collection)
      case 'index.create':
        return this.standin.createIndex(change.collection, indexOf(change.collection, change.index))
      case 'index.replace':
        this.standin.dropIndex(change.collection, change.index)
        return this.standin.createIndex(change.collection, indexOf(change.collection, change.index))
      default:
        return
    }
  }
}
