import type { ApplicationRecord, Cipher, Deps, HouseholdRecord, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { householdOf, openApplicationForId } from '../shared/claim-keys'
import { householdMemberOfId } from '../applicant/duplicates'
import { openForm } from '../shared/sealed-form'

/** The record kinds holding sealed values and keyed hashes, in the order a rotation takes them. */
export const ROTATED_KINDS = ['applications', 'households'] as const
export type RotatedKind = (typeof ROTATED_KINDS)[number]

/** Where a rotation stands after a batch: per kind, what it rewrote in this run and what is left. */
export interface RotationProgress {
  kind: RotatedKind
  rewritten: number
  /** Records changed by someone else between the read and the write: taken again by the next batch. */
  retried: number
  remaining: number
}

export interface RotationReport {
  toVersion: number
  rewritten: number
  /** Records still under an older key: 0 when the rotation is complete. */
  remaining: number
  /** Records that could not be rewritten (a value under a key no longer held): listed by id, never by content. */
  stuck: string[]
  stopped: boolean
}

export interface RotationOptions {
  /** Records per batch. */
  batch?: number
  onProgress?: (p: RotationProgress) => void
  /** Milliseconds to wait between batches, so the rotation takes little of the database's capacity while the app serves. */
  pauseMs?: number
  /** Asked between batches: true stops the run there (what it did is kept; run it again to go on). */
  shouldStop?: () => boolean
}

/** Opens and seals again under the current key, when older. */
const reseal = (cipher: Cipher, sealed: string | undefined) => (sealed && cipher.keyVersionOf(sealed) < cipher.keyVersion ? cipher.encrypt(cipher.decrypt(sealed)) : sealed)

/** The claims keyed by an ID number's hash, moved from the old hash to the new one (whoever holds them keeps them). */
async function moveClaims(repos: Repositories, pairs: readonly [string, string][], keyOf: readonly ((hash: string) => string)[]): Promise<void> {
  for (const [from, to] of pairs) {
    if (from === to || !from) continue
    for (const key of keyOf) {
      const claim = await repos.claims.get(key(from))
      if (!claim) continue
      await repos.claims.create(key(to), claim.holder)
      await repos.claims.release(key(from))
    }
  }
}

function rekeyApplication(cipher: Cipher, rec: ApplicationRecord): { next: ApplicationRecord; moved: [string, string][] } {
  const idNumber = rec.idNumberEnc ? cipher.decrypt(rec.idNumberEnc) : ''
  const idNumberHash = rec.idNumberHash && idNumber ? cipher.keyedHash(idNumber) : rec.idNumberHash
  const members = rec.memberIdHashes?.length && rec.formSealed ? openForm(cipher, rec.formSealed).members : []
  const memberIdHashes = rec.memberIdHashes?.map((h, i) => (members[i] ? cipher.keyedHash(members[i].idNumber) : h))
  const next: ApplicationRecord = {
    ...rec,
    idNumberEnc: reseal(cipher, rec.idNumberEnc) ?? '',
    idNumberHash,
    phoneEnc: reseal(cipher, rec.phoneEnc) ?? '',
    ...(rec.formSealed ? { formSealed: reseal(cipher, rec.formSealed) } : {}),
    ...(rec.draft ? { draft: { ...rec.draft, valuesSealed: reseal(cipher, rec.draft.valuesSealed) ?? '' } } : {}),
    ...(rec.submissions ? { submissions: rec.submissions.map((s) => (s.formSealed ? { ...s, formSealed: reseal(cipher, s.formSealed) } : s)) } : {}),
    ...(memberIdHashes ? { memberIdHashes } : {}),
  }
  const moved: [string, string][] = [[rec.idNumberHash, idNumberHash], ...(rec.memberIdHashes ?? []).map((h, i): [string, string] => [h, memberIdHashes![i]])]
  return { next, moved }
}

type Outcome = 'rewritten' | 'retry' | 'stuck'

async function rotateOne(deps: Deps, kind: RotatedKind, id: string): Promise<Outcome> {
  const { cipher } = deps
  try {
    return await deps.store.transaction(async (repos): Promise<Outcome> => {
      if (kind === 'applications') {
        const rec = await repos.applications.get(id)
        if (!rec) return 'retry'
        const { next, moved } = rekeyApplication(cipher, rec)
        if (!(await repos.applications.update(next, rec.version))) return 'retry'
        await moveClaims(repos, moved.slice(0, 1), [openApplicationForId, householdOf, householdMemberOfId])
        await moveClaims(repos, moved.slice(1), [householdMemberOfId, openApplicationForId])
        return 'rewritten'
      }
      const rec = await repos.households.get(id)
      if (!rec) return 'retry'
      const idNumber = cipher.decrypt(rec.idNumberEnc)
      const next: HouseholdRecord = { ...rec, idNumberEnc: reseal(cipher, rec.idNumberEnc)!, idNumberHash: cipher.keyedHash(idNumber) }
      if (!(await repos.households.update(next, rec.version))) return 'retry'
      await moveClaims(repos, [[rec.idNumberHash, next.idNumberHash]], [householdOf])
      return 'rewritten'
    })
  } catch (err) {
    if (err instanceof Error && /conflict|busy|locked/i.test(err.message)) return 'retry'
    return 'stuck'
  }
}

/**
 * Rewrites every sealed value and keyed hash made under an older data key with the current one
 * (`cipher.keyVersion`), a batch at a time, one transaction per record, moving the claims keyed
 * by the old hashes with it. The records themselves say what is left (their key version), so a
 * run may stop anywhere and the next goes on; a record the app changes meanwhile is taken again.
 * The version of a rewritten record is kept: a decision made on it still applies. Records and
 * claims only: no plaintext leaves this function. One audit event records each run.
 */
export async function rotateKeys(deps: Deps, options: RotationOptions = {}): Promise<RotationReport> {
  const { batch = 50, pauseMs = 0, onProgress, shouldStop = () => false } = options
  const target = deps.cipher.keyVersion
  const stuck = new Set<string>()
  let rewritten = 0
  let stopped = false
  for (const kind of ROTATED_KINDS) {
    const progress: RotationProgress = { kind, rewritten: 0, retried: 0, remaining: 0 }
    for (;;) {
      if (shouldStop()) {
        stopped = true
        break
      }
      const { items, remaining } = await deps.store.repos[kind].underOldKey(target, batch + stuck.size)
      progress.remaining = remaining
      const todo = items.filter((r) => !stuck.has(r.id))
      if (todo.length === 0) break
      for (const rec of todo) {
        const outcome = await rotateOne(deps, kind, rec.id)
        if (outcome === 'rewritten') progress.rewritten++
        else if (outcome === 'retry') progress.retried++
        else stuck.add(rec.id)
      }
      progress.remaining = (await deps.store.repos[kind].underOldKey(target, 0)).remaining
      onProgress?.({ ...progress })
      // A pause leaves the database to the app between batches, and lets a stop request (Ctrl-C) in even on a store that never waits.
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
    }
    rewritten += progress.rewritten
    if (stopped) break
  }
  let remaining = 0
  for (const kind of ROTATED_KINDS) remaining += (await deps.store.repos[kind].underOldKey(target, 0)).remaining
  await deps.store.transaction((repos) =>
    appendAudit(repos, deps.cipher, deps.clock.now(), {
      actor: 'system:rotate-key',
      action: 'keys.rotate',
      subject: `key-version:${target}`,
      detail: { toVersion: target, rewritten, remaining, stuck: stuck.size, stopped },
    }),
  )
  return { toVersion: target, rewritten, remaining, stuck: [...stuck], stopped }
}
