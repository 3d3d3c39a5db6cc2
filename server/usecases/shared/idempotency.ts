import type { Repositories } from '../../ports'

/**
 * Runs a write once per key: inside the caller's transaction, a stored reply for the key is
 * returned as it is; otherwise the work runs and its reply is stored with it.
 */
export async function once<T>(repos: Repositories, key: string | null, at: Date, work: () => Promise<T>): Promise<T> {
  if (key === null) return work()
  const stored = await repos.idempotency.get(key)
  if (stored !== null) return stored as T
  const reply = await work()
  await repos.idempotency.put(key, reply, at.toISOString())
  return reply
}
