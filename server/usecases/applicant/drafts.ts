import { AppError, type Actor, type DraftView } from '../../../src/domain'
import { CURRENT_CONSENT, isCurrentConsent, type ConsentInput } from '../../../src/domain/consent'
import { emptyFormValues, formToValues, type FormValues } from '../../../src/domain/form-values'
import type { FormStep } from '../../../src/domain/api/applicant'
import type { ApplicationRecord, Deps } from '../../ports'
import { auditedActor } from '../shared/actor'
import { appendAudit, auditRead } from '../shared/audit'
import { publicTypedBy } from '../shared/application-view'
import type { Relation } from '../../../src/domain/assisted'
import { toDocumentView } from '../shared/application-view'
import { ALREADY_OPEN, createDraft, draftSummary, findOpenApplication, isEditable } from './open-application'
import { openForm, openValues, sealValues } from '../shared/sealed-form'

/** The note of the latest return, shown to the worker beside the fields to fix. */
const returnNote = (rec: ApplicationRecord) => [...rec.timeline].reverse().find((e) => e.status === 'returned')?.note

function toDraftView(rec: ApplicationRecord, values: FormValues): DraftView {
  return {
    id: rec.id,
    ...(rec.typedBy ? { typedBy: publicTypedBy(rec.typedBy) } : {}),
    status: rec.status,
    version: rec.version,
    ...(rec.status === 'draft' ? {} : { number: rec.number }),
    values,
    step: rec.draft?.step ?? (rec.status === 'returned' ? 'review' : 'consent'),
    consent: rec.consent ?? null,
    documents: (rec.documents ?? []).map(toDocumentView),
    fieldsToFix: rec.fieldsToFix ?? [],
    ...(rec.status === 'returned' && returnNote(rec) ? { returnNote: returnNote(rec) } : {}),
    savedAt: rec.draft?.savedAt ?? rec.updatedAt,
  }
}

/**
 * The form the worker is filling: their draft, or their returned application to fix (its unsent
 * edits, else the submitted form). Values come back in full, so the read is audited (no transaction).
 */
export async function getDraft(deps: Deps, actor: Actor): Promise<{ draft: DraftView | null }> {
  const rec = await findOpenApplication(deps.store.repos, actor.openid)
  if (!rec || !isEditable(rec)) return { draft: null }
  const values = rec.draft ? openValues(deps.cipher, rec.draft.valuesSealed) : rec.formSealed ? formToValues(openForm(deps.cipher, rec.formSealed)) : emptyFormValues()
  // Audited after the read and outside any transaction; no values go out unless it is recorded.
  await auditRead(deps, { actor: auditedActor(actor), action: 'application.draft.read', subject: rec.id })
  return { draft: toDraftView(rec, values) }
}

export interface SaveDraftInput {
  values: FormValues
  step: FormStep
  consent?: ConsentInput
  /** A relative typing it for the worker; null: the worker themselves; absent: unchanged. */
  relative?: { relation: Relation; name: string } | null
}

/**
 * Saves the form in progress (sealed: it may hold ID numbers already), creating the draft on the
 * first save. A consent to the current texts is recorded with the server's time, once.
 */
export async function saveDraft(deps: Deps, actor: Actor, input: SaveDraftInput): Promise<{ id: string; version: number; savedAt: string }> {
  const now = deps.clock.now()
  const at = now.toISOString()
  const consentNow = !!input.consent && isCurrentConsent(input.consent)
  const saved = (rec: ApplicationRecord): ApplicationRecord => {
    const newConsent = consentNow && !isCurrentConsent(rec.consent)
    const next: ApplicationRecord = {
      ...rec,
      ...(rec.status === 'draft' ? draftSummary(input.values) : {}),
      version: rec.version + 1,
      updatedAt: at,
      draft: { valuesSealed: sealValues(deps.cipher, input.values), step: input.step, savedAt: at },
      ...(newConsent ? { consent: { ...CURRENT_CONSENT, agreedAt: at } } : {}),
    }
    const typed = relativeTyping(rec, actor, input.relative, at)
    if (typed !== undefined) {
      if (typed) next.typedBy = typed
      else delete next.typedBy
    }
    return next
  }
  return deps.store.transaction(async (repos) => {
    const open = await findOpenApplication(repos, actor.openid)
    if (!open) {
      // The first save: the draft is created with the values in one insert, its consent in the creation's event.
      const created = await createDraft(deps, repos, actor, now, undefined, { record: saved, ...(consentNow ? { consent: { ...CURRENT_CONSENT } } : {}) })
      return { id: created.id, version: created.version, savedAt: at }
    }
    if (!isEditable(open)) throw new AppError('CONFLICT', ALREADY_OPEN)
    const newConsent = consentNow && !isCurrentConsent(open.consent)
    const next = saved(open)
    if (!(await repos.applications.update(next, open.version))) throw new AppError('CONFLICT', '草稿正在保存，请稍后重试')
    if (newConsent) {
      await appendAudit(repos, deps.cipher, now, { actor: auditedActor(actor), action: 'application.consent', subject: open.id, detail: { ...CURRENT_CONSENT } })
    }
    return { id: open.id, version: next.version, savedAt: at }
  })
}

/**
 * The record's typist after a relative's save: a relative naming themselves on their own draft
 * (the worker's own fields stay theirs to fill); null when they say the worker types it; undefined
 * when nothing changes (no say, a caseworker's typing, or an application already submitted).
 */
function relativeTyping(rec: ApplicationRecord, actor: Actor, relative: SaveDraftInput['relative'], at: string): ApplicationRecord['typedBy'] | null | undefined {
  if (relative === undefined || rec.status !== 'draft' || rec.typedBy?.kind === 'caseworker') return undefined
  if (relative === null) return rec.typedBy ? null : undefined
  return { kind: 'relative', name: relative.name, relation: relative.relation, at: rec.typedBy?.at ?? at, openid: actor.openid }
}
