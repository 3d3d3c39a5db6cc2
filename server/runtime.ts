import { randomPool } from './adapters/random-pool'
import type { Clock, IdGenerator } from './ports'

/** The real clock. Tests pass their own. */
export const systemClock: Clock = { now: () => new Date() }

const idBytes = randomPool(16)

/** Characters of an id's time part: milliseconds since 1970 in base 36, zero-padded (enough until the year 5138). */
export const ID_TIME_CHARS = 9

/**
 * Ids for records: the time of creation (ID_TIME_CHARS characters, base 36, so ids sort by it),
 * then 16 random bytes as base64url, which make it unguessable as before (each id's bytes are used
 * once). The time first puts the ids of the records written together side by side in every index
 * keyed by id, so a commit of a group of submits writes one page of each such index, not one page
 * per record (BENCHMARKS.md, h14-submits-cpu). Only the order of the store's pages depends on the
 * time part: nothing reads it, and a clock set back makes no id less unique.
 */
export const randomIds: IdGenerator = {
  newId: () => Date.now().toString(36).padStart(ID_TIME_CHARS, '0') + idBytes().toString('base64url'),
}
