import { randomBytes } from 'node:crypto'

/**
 * Random bytes `size` at a time, drawn from the CSPRNG `count` chunks per call (as `randomUUID`
 * caches): one call into it instead of one per value. Each chunk is a view of a fresh buffer and is
 * handed out once; a refill allocates a new buffer, so a chunk already taken never changes.
 */
export function randomPool(size: number, count = 256): () => Buffer {
  let pool = Buffer.alloc(0)
  let used = 0
  return () => {
    if (used === pool.length) {
      pool = randomBytes(size * count)
      used = 0
    }
    used += size
    return pool.subarray(used - size, used)
  }
}
