import { addDays, chineseDate, daysBetween, shanghaiDateOf } from '../../../src/domain/calendar'
import type { ApplicationRecord, Deps, Repositories } from '../../ports'
import { without } from '../applicant/open-application'
import { appendAudit } from '../shared/audit'
import { openApplicationOf } from '../shared/claim-keys'
import { removeFiles } from '../shared/files'
import { policyFor } from '../shared/policy'
import { RETENTION_ACTOR } from './retention'

/** What a run of the abandoned-draft schedule did. */
export interface DraftRetentionReport {
  /** Drafts whose values and documents were deleted. */
  draftsDeleted: number
  /** People told that a draft of theirs will be deleted in a week unless they save or submit it. */
  draftsWarned: number
  filesRemoved: number
}

const DAY_MS = 24 * 3600 * 1000
/** How long before the deletion the worker (or the caseworker typing a 代为申请) is told. */
export const WARN_DAYS = 7
/** Drafts in the warning week one pass reads, at most. */
const WARN_SCAN = 1000
const PAGE = 100

/** The claim that a warning went out for a draft as last saved at `updatedAt` (a later save earns a new one). */
const warnedOf = (id: string) => `retention-warned:draft:${id}`

/** Who is told about a draft: the caseworker typing a 代为申请 (its applicant is a placeholder), else the worker. */
const ownerOf = (rec: ApplicationRecord) => rec.typedBy?.openid ?? rec.applicantOpenid

async function tell(deps: Deps, repos: Repositories, rec: ApplicationRecord, title: string, body: string, at: string): Promise<void> {
  await repos.messages.add({ id: deps.ids.newId(), openid: ownerOf(rec), title, body, applicationId: rec.id, createdAt: at, readAt: null })
}

/**
 * Deletes one abandoned draft in one transaction: its values, consent and documents go, the record
 * stays as a withdrawn application with a timeline line saying why (so the worker's list explains
 * it), the worker's open-application claim is freed, the owner gets a message, and an audit event
 * names what went (kinds and counts, never contents). Returns the files to remove, or null when the
 * draft changed or went meanwhile. The name and employer its list line showed go too.
 */
async function deleteDraft(deps: Deps, candidate: ApplicationRecord, before: string, days: number): Promise<string[] | null> {
  return deps.store.transaction(async (repos) => {
    const rec = await repos.applications.get(candidate.id)
    if (!rec || rec.status !== 'draft' || rec.updatedAt >= before) return null
    const now = deps.clock.now()
    const at = now.toISOString()
    const note = `草稿超过${days}天未修改，已按个人信息保存期限删除`
    const next: ApplicationRecord = {
      ...without(rec, 'draft', 'documents', 'consent'),
      name: '',
      employer: '',
      status: 'withdrawn',
      version: rec.version + 1,
      updatedAt: at,
      timeline: [...rec.timeline, { at, status: 'withdrawn', note }],
    }
    if (!(await repos.applications.update(next, rec.version))) return null
    const claim = await repos.claims.get(openApplicationOf(rec.applicantOpenid))
    if (claim?.holder === rec.id) await repos.claims.release(openApplicationOf(rec.applicantOpenid))
    if (await repos.claims.get(warnedOf(rec.id))) await repos.claims.release(warnedOf(rec.id))
    await tell(deps, repos, rec, '申请草稿已删除', `您的申请草稿已有${days}天未修改，按本会的个人信息保存期限，草稿和上传的材料已删除。如仍需帮扶，可以重新申请。`, at)
    await appendAudit(repos, deps.cipher, now, {
      actor: RETENTION_ACTOR,
      action: 'retention.delete-draft',
      subject: `application:${rec.id}`,
      detail: { savedAt: rec.updatedAt, retentionDays: days, documents: (rec.documents ?? []).map((d) => d.kind), assisted: Boolean(rec.typedBy) },
    })
    return (rec.documents ?? []).map((d) => d.storageKey)
  })
}

/** Tells the owner of a draft in its last week, once per save (the claim holds the save it was told about). */
async function warn(deps: Deps, candidate: ApplicationRecord, days: number): Promise<boolean> {
  return deps.store.transaction(async (repos) => {
    const rec = await repos.applications.get(candidate.id)
    if (!rec || rec.status !== 'draft' || rec.updatedAt !== candidate.updatedAt) return false
    const key = warnedOf(rec.id)
    const told = await repos.claims.get(key)
    if (told?.holder === rec.updatedAt) return false
    if (told) await repos.claims.release(key)
    if (!(await repos.claims.create(key, rec.updatedAt))) return false
    const now = deps.clock.now()
    const saved = shanghaiDateOf(rec.updatedAt)
    const idle = daysBetween(saved, shanghaiDateOf(now))
    const deadline = chineseDate(addDays(saved, days))
    await tell(deps, repos, rec, '申请草稿即将删除', `您的申请草稿已有${idle}天未修改。按本会的个人信息保存期限，如在${deadline}前仍未修改或提交，草稿和上传的材料将被删除。`, now.toISOString())
    return true
  })
}

/**
 * The retention schedule for drafts, run by the timer: a draft not saved for
 * `retention.abandonedDrafts` days (the top unit's policy; unset, drafts are kept) is deleted with
 * its documents, and its owner is told a week before. Each run deletes at most `limit` drafts; the
 * warnings go out in the first minute of each hour (`warn` overrides), at most `limit` a pass, the
 * drafts already told skipped by a read before any transaction.
 */
export async function purgeAbandonedDrafts(deps: Deps, limit = 50, opts: { warn?: boolean } = {}): Promise<DraftRetentionReport> {
  const report: DraftRetentionReport = { draftsDeleted: 0, draftsWarned: 0, filesRemoved: 0 }
  const root = await deps.store.repos.units.get(deps.settings.defaultUnitId)
  const days = root ? (await policyFor(deps.store.repos, root))?.policy.retention?.abandonedDrafts : undefined
  if (!days) return report
  const now = deps.clock.now().getTime()
  const before = new Date(now - days * DAY_MS).toISOString()
  for (const candidate of await deps.store.repos.applications.staleDrafts(before, 0, limit)) {
    const files = await deleteDraft(deps, candidate, before, days)
    if (!files) continue
    report.draftsDeleted++
    await removeFiles(deps, files)
    report.filesRemoved += files.length
  }
  if (!(opts.warn ?? new Date(now).getUTCMinutes() === 0)) return report
  const warnBefore = new Date(now - (days - WARN_DAYS) * DAY_MS).toISOString()
  for (let offset = 0; offset < WARN_SCAN && report.draftsWarned < limit; offset += PAGE) {
    const page = await deps.store.repos.applications.staleDrafts(warnBefore, offset, PAGE)
    for (const candidate of page) {
      if (report.draftsWarned >= limit) break
      if (candidate.updatedAt < before) continue
      if ((await deps.store.repos.claims.get(warnedOf(candidate.id)))?.holder === candidate.updatedAt) continue
      if (await warn(deps, candidate, days)) report.draftsWarned++
    }
    if (page.length < PAGE) break
  }
  return report
}
