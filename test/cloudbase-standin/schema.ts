import { StandinError } from './errors'

/** One key of an index: a field and 1, -1 or '2dsphere', as deploy declares them. */
export type StandinIndexKey = readonly [field: string, direction: 1 | -1 | '2dsphere']

/** An index of a collection, as the stand-in holds it. */
export interface StandinIndex {
  name: string
  keys: readonly StandinIndexKey[]
  unique: boolean
}

const ID_INDEX: StandinIndex = { name: '_id_', keys: [['_id', 1]], unique: true }

/** CloudBase's reply to a request on a collection nobody created (wx-server-sdk shows it as errCode -502005). */
export const collectionMissing = (name: string) =>
  new StandinError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (stand-in: collection ${name})`)

/**
 * The collections that exist and their indexes. On CloudBase a collection is created by deploy
 * (or in the console), never by a first write, and geo queries need a 2dsphere index.
 */
export class Schema {
  private readonly collections = new Map<string, StandinIndex[]>()

  has(name: string): boolean {
    return this.collections.has(name)
  }

  /** Throws CloudBase's error when `name` was never created. */
  require(name: string): void {
    if (!this.collections.has(name)) throw collectionMissing(name)
  }

  create(name: string): void {
    if (!/^[A-Za-z][\w-]{0,63}$/.test(name)) throw new StandinError('INVALID_PARAM', `invalid collection name: ${name}`)
    if (this.collections.has(name)) throw new StandinError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    this.collections.set(name, [ID_INDEX])
  }

  /** Adds an index; `check` runs first with the new index, so a unique one the data breaks is refused. */
  createIndex(collection: string, index: StandinIndex, check: (index: StandinIndex) => void = () => undefined): void {
    this.require(collection)
    const list = this.collections.get(collection)!
    if (list.some((i) => i.name === index.name)) throw new StandinError('DATABASE_INDEX_ALREADY_EXIST', `index ${index.name} already exists on ${collection}`)
    if (index.keys.length === 0) throw new StandinError('INVALID_PARAM', 'an index needs at least one key')
    check(index)
    list.push(structuredClone(index) as StandinIndex)
  }

  dropIndex(collection: string, name: string): void {
    this.require(collection)
    if (name === ID_INDEX.name) throw new StandinError('INVALID_PARAM', 'the _id index cannot be dropped')
    this.collections.set(collection, this.collections.get(collection)!.filter((i) => i.name !== name))
  }

  /** Every collection and its indexes, `_id_` included. */
  describe(): Map<string, StandinIndex[]> {
    return new Map([...this.collections].map(([name, list]) => [name, structuredClone(list)]))
  }

  /** The indexes of a collection, `_id_` first (none when it was never created). */
  indexes(collection: string): readonly StandinIndex[] {
    return this.collections.get(collection) ?? []
  }

  /** The unique indexes other than `_id_` (the engine checks _id itself). */
  uniqueIndexes(collection: string): StandinIndex[] {
    return (this.collections.get(collection) ?? []).filter((i) => i.unique && i !== ID_INDEX)
  }

  /** The fields of a collection with a 2dsphere key. */
  geoFields(collection: string): string[] {
    return (this.collections.get(collection) ?? []).flatMap((i) => i.keys.filter(([, d]) => d === '2dsphere').map(([f]) => f))
  }
}
