import { randomFillSync } from 'node:crypto'
import type { Clock, IdGenerator } from './ports'

/** The real clock. Tests pass their own. */
export const systemClock: Clock = { now: () => new Date() }

const ID_BYTES = 16
/** Random bytes drawn 256 ids at a time: one call into the CSPRNG instead of one per id (as `randomUUID` caches). */
const pool = Buffer.alloc(ID_BYTES * 256)
let used = pool.length

/** 16 random bytes as base64url: unguessable ids for records. Each id's bytes are used once. */
export const randomIds: IdGenerator = {
  newId: () => {
    if (used === pool.length) {
      randomFillSync(pool)
      used = 0
    }
    used += ID_BYTES
    return pool.toString('base64url', used - ID_BYTES, used)
  },
}
