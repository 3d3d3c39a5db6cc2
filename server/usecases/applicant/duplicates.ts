import { AppError, OPEN_STATUSES } from '../../../src/domain'
import type { ApplicationForm } from '../../../src/domain/application-form'
import type { ApplicationRecord, Cipher, DuplicateFlag, Repositories } from '../../ports'
import { openApplicationForId } from '../shared/claim-keys'

/** A household member's ID number, held by the first open application that lists it. */
export const householdMemberOfId = (idHash: string) => `household-member:id:${idHash}`

/** An application that still counts: open, or filed (its household is on file). */
const isLive = (rec: ApplicationRecord | null) => !!rec && (OPEN_STATUSES.includes(rec.status) || rec.status === 'filed')

export interface IdNumberChecks {
  idNumberHash: string
  /** The applicant's hash under every data key held, the current one first (claims made before a rotation are under an older one). */
  idNumberHashes: string[]
  memberIdHashes: string[]
  duplicateFlags: DuplicateFlag[]
}

/**
 * Takes the claims of a submission's ID numbers for application `rec`, inside its transaction.
 * The applicant's own number held by another live application is refused (the worker cannot
 * apply twice); a member's number found in another application, as applicant or member, and the
 * applicant's number listed as someone else's member, are flagged for the caseworker.
 * Claims of closed applications are stale and taken over.
 */
export async function claimIdNumbers(repos: Repositories, cipher: Cipher, rec: ApplicationRecord, form: ApplicationForm): Promise<IdNumberChecks> {
  const idNumberHashes = cipher.keyedHashes(form.applicant.idNumber)
  const idNumberHash = idNumberHashes[0]
  if (rec.idNumberHash && rec.idNumberHash !== idNumberHash) {
    const old = openApplicationForId(rec.idNumberHash)
    if ((await repos.claims.get(old))?.holder === rec.id) await repos.claims.release(old)
  }
  if (!(await take(repos, idNumberHashes.map(openApplicationForId), rec.id))) {
    throw new AppError('CONFLICT', '该身份证号已有正在办理的帮扶申请或已建档，不能重复申请。如有疑问请联系所在工会', 'form.applicant.idNumber')
  }

  const duplicateFlags: DuplicateFlag[] = []
  const asMember = await otherHolder(repos, idNumberHashes.map(householdMemberOfId), rec.id)
  if (asMember) duplicateFlags.push({ field: 'applicant.idNumber', otherApplicationId: asMember, as: 'member' })

  const memberHashes = form.members.map((m) => cipher.keyedHashes(m.idNumber))
  for (const [i, hashes] of memberHashes.entries()) {
    const field = `members.${i}.idNumber`
    const asApplicant = await otherHolder(repos, hashes.map(openApplicationForId), rec.id)
    if (asApplicant) duplicateFlags.push({ field, otherApplicationId: asApplicant, as: 'applicant' })
    if (!(await take(repos, hashes.map(householdMemberOfId), rec.id))) {
      const holder = await otherHolder(repos, hashes.map(householdMemberOfId), rec.id)
      if (holder) duplicateFlags.push({ field, otherApplicationId: holder, as: 'member' })
    }
  }
  return { idNumberHash, idNumberHashes, memberIdHashes: memberHashes.map((h) => h[0]), duplicateFlags }
}

/**
 * Holds `keys[0]` (the claim under the current key) for `holder`: true when free, already held by
 * it, or held by a closed application (taken over), and no live application holds one of the
 * older keys' claims of the same number (made before a rotation rewrote them).
 */
async function take(repos: Repositories, [key, ...older]: readonly string[], holder: string): Promise<boolean> {
  if (await otherHolder(repos, older, holder)) return false
  const claim = await repos.claims.get(key)
  if (claim?.holder === holder) return true
  if (claim) {
    if (isLive(await repos.applications.get(claim.holder))) return false
    await repos.claims.release(key)
  }
  return repos.claims.create(key, holder)
}

/** The live application other than `self` holding one of `keys` (one number's claims under each data key), or null. */
async function otherHolder(repos: Repositories, keys: readonly string[], self: string): Promise<string | null> {
  for (const key of keys) {
    const claim = await repos.claims.get(key)
    if (claim && claim.holder !== self && isLive(await repos.applications.get(claim.holder))) return claim.holder
  }
  return null
}
