import type { ApplicationRecord, HouseholdRecord } from '../../ports'

/**
 * Which data key made a stored value, read from the value itself (no key needed), so storage can
 * record the oldest key a record still depends on and a rotation can find what is left.
 * Sealed values are `v<N>.<iv>.<tag>.<body>`; keyed hashes are 64 hex digits followed by `k<N>`,
 * and bare 64 hex digits are the hashes written before hashes carried a version: version 1.
 */
const SEALED = /^v(\d+)\./
const HASH = /^[0-9a-f]{64}(?:k(\d+))?$/

/** The key version of a sealed value or keyed hash; 0 for anything else (an empty field). */
export function keyVersionOf(value: string | null | undefined): number {
  if (!value) return 0
  const sealed = SEALED.exec(value)
  if (sealed) return Number(sealed[1])
  const hash = HASH.exec(value)
  return hash ? Number(hash[1] ?? 1) : 0
}

/** The oldest key version among `values` (sealed values and keyed hashes); 0 when none is keyed. */
export function oldestKeyVersion(values: Iterable<string | null | undefined>): number {
  let oldest = 0
  for (const v of values) {
    const n = keyVersionOf(v)
    if (n > 0 && (oldest === 0 || n < oldest)) oldest = n
  }
  return oldest
}

/** The oldest data key an application's sealed values and keyed hashes depend on (0: none). */
export const applicationKeyVersion = (r: ApplicationRecord): number =>
  oldestKeyVersion([r.idNumberEnc, r.idNumberHash, r.phoneEnc, r.formSealed, r.draft?.valuesSealed, ...(r.submissions ?? []).map((s) => s.formSealed), ...(r.memberIdHashes ?? [])])

/** The oldest data key a household's sealed ID number and its keyed hash depend on (0: none). */
export const householdKeyVersion = (r: HouseholdRecord): number => oldestKeyVersion([r.idNumberEnc, r.idNumberHash])
