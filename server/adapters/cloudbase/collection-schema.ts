/**
 * What the deploy plan creates for a collection: the collection itself and the indexes its
 * queries need. Each repository file declares its own, next to the queries that need them.
 */

/** One key of an index: a field and 1 (ascending), -1 (descending) or '2dsphere' (geo). */
export type IndexKey = readonly [field: string, direction: 1 | -1 | '2dsphere']

export interface IndexDeclaration {
  /** Derived from the keys: `field_asc`, `field_desc` or `field_geo`, joined by `_`; letters, digits and `_` only. */
  name: string
  keys: readonly IndexKey[]
  unique: boolean
}

export interface CollectionDeclaration {
  name: string
  indexes: readonly IndexDeclaration[]
}

const SUFFIX = { 1: 'asc', '-1': 'desc', '2dsphere': 'geo' } as const

/** The name deploy gives an index with these keys. */
export const indexName = (keys: readonly IndexKey[]): string => keys.map(([field, dir]) => `${field.replace(/\W/g, '_')}_${SUFFIX[dir]}`).join('_')

/** A collection and its indexes; `_id` is always indexed and unique, so it is never declared. */
export function defineCollection(name: string, indexes: readonly { keys: readonly IndexKey[]; unique?: boolean }[] = []): CollectionDeclaration {
  return { name, indexes: indexes.map(({ keys, unique = false }) => ({ name: indexName(keys), keys, unique })) }
}
