import { AppError, HARDSHIP_CAUSE_CODES, type Actor, type HardshipCauseCode } from '../../../src/domain'
import type { FormValues } from '../../../src/domain/form-values'
import type { ApplicationRecord, Deps, Repositories } from '../../ports'
import { auditedActor } from '../shared/actor'
import { appendAudit } from '../shared/audit'
import { openApplicationOf } from '../shared/claim-keys'

export const ALREADY_OPEN = '您已有一份正在办理的申请，请在“我的申请”中查看'

/** The worker's open application (draft included), found through their claim; null when there is none. */
export async function findOpenApplication(repos: Repositories, openid: string): Promise<ApplicationRecord | null> {
  const claim = await repos.claims.get(openApplicationOf(openid))
  if (!claim) return null
  const rec = await repos.applications.get(claim.holder)
  return rec && rec.applicantOpenid === openid ? rec : null
}

/** Statuses in which the worker edits the form: a draft, or a returned application being fixed. */
export const isEditable = (rec: ApplicationRecord) => rec.status === 'draft' || rec.status === 'returned'

/** What a draft's first save writes: its record from the empty draft, and the consent it records, if any. */
export interface FirstSave {
  record(empty: ApplicationRecord): ApplicationRecord
  consent?: Record<string, unknown>
}

/**
 * Starts a draft inside the caller's transaction, taking the worker's one open-application claim.
 * A draft has no number yet (`DRAFT-<id>` keeps the unique index happy) and no sensitive value
 * outside its sealed values.
 */
export async function createDraft(
  deps: Deps,
  repos: Repositories,
  actor: Actor,
  now: Date,
  assisted?: Pick<ApplicationRecord, 'id' | 'applicantOpenid' | 'unitId' | 'typedBy'>,
  first?: FirstSave,
): Promise<ApplicationRecord> {
  const id = assisted?.id ?? deps.ids.newId()
  const applicantOpenid = assisted?.applicantOpenid ?? actor.openid
  if (!(await repos.claims.create(openApplicationOf(applicantOpenid), id))) throw new AppError('CONFLICT', ALREADY_OPEN)
  const at = now.toISOString()
  const rec: ApplicationRecord = {
    id,
    number: `DRAFT-${id}`,
    applicantOpenid,
    unitId: assisted?.unitId ?? deps.settings.defaultUnitId,
    status: 'draft',
    version: 1,
    name: '',
    idNumberEnc: '',
    idNumberHash: '',
    phoneEnc: '',
    employer: '',
    mainCause: 'other',
    timeline: [],
    createdAt: at,
    updatedAt: at,
    ...(assisted?.typedBy ? { typedBy: assisted.typedBy } : {}),
  }
  // The first save's record is inserted as it is: one write, not an insert and then an update.
  const saved = first ? first.record(rec) : rec
  await repos.applications.insert(saved)
  // A consent given with the first save is the creation's event (one event and head, not two).
  const detail = { ...(assisted ? { assisted: true } : {}), ...(first?.consent ? { ...first.consent, draftCreated: true } : {}) }
  const action = first?.consent ? 'application.consent' : 'application.draft.create'
  await appendAudit(repos, deps.cipher, now, { actor: auditedActor(actor), action, subject: id, ...(Object.keys(detail).length ? { detail } : {}) })
  return saved
}

/** The plain (non-sensitive) summary a draft shows in 我的申请, from what is filled so far. */
export function draftSummary(values: FormValues): Pick<ApplicationRecord, 'name' | 'employer' | 'mainCause'> {
  const cause = values.causes.mainCause
  return {
    name: values.applicant.name.trim().slice(0, 30),
    employer: values.applicant.employer.trim().slice(0, 60),
    mainCause: (HARDSHIP_CAUSE_CODES as readonly string[]).includes(cause) ? (cause as HardshipCauseCode) : 'other',
  }
}

/** A record without the given optional keys (deleted, not set to undefined, so stores compare equal). */
export function without<K extends keyof ApplicationRecord>(rec: ApplicationRecord, ...keys: K[]): ApplicationRecord {
  const out = { ...rec }
  for (const k of keys) delete out[k]
  return out
}
