import {
  AppError,
  formatApplicationNumber,
  nextStatus,
  shanghaiYear,
  transitionProblem,
  type Actor,
  type ApplicationForm,
} from '../../../src/domain'
import type { SubmitResult } from '../../../src/domain/api/applicant'
import { isCurrentConsent, type ConsentInput } from '../../../src/domain/consent'
import { AUTHORISATION_KIND } from '../../../src/domain/assisted'
import type { ApplicationRecord, CallContext, Deps, PolicyRecord, Repositories } from '../../ports'
import { claimIdNumbers } from './duplicates'
import { ALREADY_OPEN, findOpenApplication, without } from './open-application'
import { sealForm, submittedForms } from '../shared/sealed-form'
import { assessFor } from './self-check'
import { auditedActor } from '../shared/actor'
import { appendAudit } from '../shared/audit'
import { contentTarget, keptReply, replyToKeep, storedReply, type WriteScope } from '../shared/idempotency'
import { notifyApplicant } from '../shared/notify'
import { householdOf, openApplicationOf } from '../shared/claim-keys'
import { changeStatus, dueAtUnder } from '../shared/status-change'
import { policyFor } from '../shared/policy'
import { countRate, RATE_RULES, takeRate } from '../shared/rate-limit'

/** A submission: the whole form and the consent it was filled under. */
export interface SubmitInput {
  form: ApplicationForm
  consent: ConsentInput
}

/**
 * A worker submits their application: the draft they filled becomes a numbered, submitted
 * application (without a draft, one is made on the spot). One transaction writes the record, its
 * claims, the audit event and the message, so a failure leaves nothing behind; the reply is kept
 * on the record itself (no idempotency document: one write less), so a retry with the same
 * requestId finds it through the worker's open-application claim and returns the first reply. The number is taken before
 * it, from the year's counter (one atomic update and one read, never retried, whatever the number
 * of submits at once): the one document every submit of the union writes stays out of the
 * transactions, which would otherwise all conflict on it. A submit that then fails leaves a gap in
 * the year's numbers; they stay unique and increasing. The embedded store, whose transactions never
 * conflict, writes the rate limit, the number and the submit in one commit instead of three, and
 * keeps the first two when the submit fails.
 */
export async function submitApplication(deps: Deps, actor: Actor, input: SubmitInput, ctx: CallContext): Promise<SubmitResult> {
  const problem = transitionProblem('submit', 'draft', { roles: actor.roles, isOwner: true })
  if (problem) throw new AppError(problem.code, problem.message)
  // A submit creates the application: its request id is bound to the form sent.
  const scope: WriteScope = { actor: actor.openid, action: 'applicant.submit', target: contentTarget(input), requestId: ctx.requestId }
  const numbered = (now: Date, value: number) => formatApplicationNumber(deps.settings.applicationPrefix, shanghaiYear(now), value)
  const counter = (now: Date) => `application-number:${shanghaiYear(now)}`

  // A store whose transactions never conflict takes the rate limit, the number and the submit in
  // one commit; the first two are kept when the submit fails, as they are when they run apart.
  if (deps.store.transactionKeeping) {
    const now = deps.clock.now()
    return deps.store.transactionKeeping(async (repos, keep) => {
      await countRate(repos, now, actor.openid, RATE_RULES.submit)
      const number = numbered(now, await repos.counters.next(counter(now)))
      keep()
      return submitNumbered(deps, repos, actor, input, scope, number, now)
    })
  }
  await takeRate(deps, actor.openid, RATE_RULES.submit)
  const now = deps.clock.now()
  const number = numbered(now, await deps.store.repos.counters.next(counter(now)))
  return deps.store.transaction((repos) => submitNumbered(deps, repos, actor, input, scope, number, now))
}

/** The submit's own transaction, once the rate limit is counted and the number taken. */
async function submitNumbered(deps: Deps, repos: Repositories, actor: Actor, input: SubmitInput, scope: WriteScope, number: string, now: Date): Promise<SubmitResult> {
  const draft = await findOpenApplication(repos, actor.openid)
  // A retry of this very submit: its reply is kept on the application it submitted.
  const kept = keptReply(draft?.submitReply, scope)
  if (kept) return kept
  // A request id a write before this change stored as a document is still answered from it.
  const stored = await storedReply<SubmitResult>(repos, scope)
  if (stored) return stored.reply
  if (draft && draft.status !== 'draft') throw new AppError('CONFLICT', ALREADY_OPEN)
  const id = draft?.id ?? deps.ids.newId()
  if (!draft && !(await repos.claims.create(openApplicationOf(actor.openid), id))) throw new AppError('CONFLICT', ALREADY_OPEN)

  const at = now.toISOString()
  const base: ApplicationRecord = draft ?? {
    id, number, applicantOpenid: actor.openid, unitId: deps.settings.defaultUnitId, status: 'draft', version: 0,
    name: '', idNumberEnc: '', idNumberHash: '', phoneEnc: '', employer: '', mainCause: 'other', timeline: [], createdAt: at, updatedAt: at,
  }
  const status = nextStatus('submit', 'draft')
  const reply: SubmitResult = { id, number, status, version: draft ? draft.version + 1 : 1 }
  const keep = replyToKeep(scope, reply)
  const { rec: prepared, policy } = await submittedForm(deps, repos, { ...base, number, createdAt: at, ...(keep ? { submitReply: keep } : {}) }, input, now)

  if (draft) {
    const next = await changeStatus(deps, repos, actor, prepared, 'submit', { expectedVersion: draft.version, detail: { number }, policy })
    if (next.status !== reply.status || next.version !== reply.version) throw new Error('submit reply kept on the record differs from the record written')
    return reply
  }
  const rec: ApplicationRecord = { ...prepared, status, version: 1, timeline: [{ at, status }], updatedAt: at, stageEnteredAt: at, dueAt: dueAtUnder(policy, status, now) }
  await repos.applications.insert(rec)
  await appendAudit(repos, deps.cipher, now, { actor: auditedActor(actor), action: 'application.submit', subject: id, detail: { number, status } })
  await notifyApplicant(deps, repos, rec, now)
  return reply
}

/**
 * `rec` carrying a newly submitted form: its summary fields, the sealed form (stored once: the
 * new entry of the submissions has none, the one before gets its own), the ID-number claims and
 * duplicate flags, the consent and the assessment; the draft and the fields to fix are gone; and
 * the policy of the form's unit it was assessed under (for the deadline of the stage it enters).
 * Call inside the transaction that writes it.
 */
export async function submittedForm(deps: Deps, repos: Repositories, rec: ApplicationRecord, input: SubmitInput, now: Date): Promise<{ rec: ApplicationRecord; policy: PolicyRecord | null }> {
  const { form } = input
  const at = now.toISOString()
  const unit = await repos.units.get(form.applicant.unitId)
  if (!unit) throw new AppError('VALIDATION', '没有找到所选工会，请重新选择', 'form.applicant.unitId')
  if (!isCurrentConsent(input.consent)) throw new AppError('VALIDATION', '请先阅读并同意授权', 'consent')
  if (rec.typedBy && !rec.documents?.some((d) => d.kind === AUTHORISATION_KIND)) {
    throw new AppError('VALIDATION', '代为申请须上传职工本人签字的代办授权书', 'documents')
  }
  const checks = await claimIdNumbers(repos, deps.cipher, rec, form)
  for (const hash of checks.idNumberHashes) {
    const household = await repos.claims.get(householdOf(hash))
    if (household && (await repos.households.get(household.holder))?.status === 'filed') {
      throw new AppError('CONFLICT', '您的家庭已建档，工会正在为您提供帮扶，无需重复申请')
    }
  }
  const policy = (await policyFor(repos, unit))?.policy ?? null
  const assessment = assessFor(policy, form.finances)
  const formSealed = sealForm(deps.cipher, form)
  const consent = isCurrentConsent(rec.consent) ? rec.consent! : { ...input.consent, agreedAt: at }
  const submitted: ApplicationRecord = {
    ...without(rec, 'draft', 'fieldsToFix', 'assessment'),
    unitId: unit.id,
    name: form.applicant.name,
    idNumberEnc: deps.cipher.encrypt(form.applicant.idNumber),
    idNumberHash: checks.idNumberHash,
    phoneEnc: deps.cipher.encrypt(form.applicant.phone),
    employer: form.applicant.employer,
    mainCause: form.causes.mainCause,
    formSealed,
    consent,
    ...(assessment ? { assessment } : {}),
    memberIdHashes: checks.memberIdHashes,
    duplicateFlags: checks.duplicateFlags,
    submissions: [...submittedForms(rec), { at, changedFields: [] }],
  }
  return { rec: submitted, policy }
}
