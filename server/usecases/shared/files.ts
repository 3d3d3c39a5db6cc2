import type { Deps } from '../../ports'

/** Removes files no record points to any more; a failure is logged (without names) and left for cleanup. */
export async function removeFiles(deps: Deps, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await deps.files.remove(key).catch((err: unknown) => console.error(`[files] remove failed: ${err instanceof Error ? err.name : 'error'}`))
  }
}
