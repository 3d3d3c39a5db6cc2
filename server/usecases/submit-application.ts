import {
  AppError,
  formatApplicationNumber,
  nextStatus,
  shanghaiYear,
  transitionProblem,
  type Actor,
  type ApplicationForm,
} from '../../src/domain'
import type { SubmitResult } from '../../src/domain/api/applicant'
import type { ApplicationRecord, Deps, Repositories } from '../ports'
import { appendAudit } from './audit'
import { once } from './idempotency'

/** Claim keys: one open application per worker, and per ID number. */
export const openApplicationOf = (openid: string) => `open-application:applicant:${openid}`
export const openApplicationForId = (idHash: string) => `open-application:id:${idHash}`

/**
 * A worker submits an application. One transaction writes the record, its claims, the number
 * sequence, the audit event and the idempotency reply, so a failure leaves nothing behind and a
 * retry with the same requestId returns the first reply.
 */
export async function submitApplication(
  deps: Deps,
  actor: Actor,
  form: ApplicationForm,
  requestId: string | null,
): Promise<SubmitResult> {
  const problem = transitionProblem('submit', 'draft', { roles: actor.roles, isOwner: true })
  if (problem) throw new AppError(problem.code, problem.message)
  const now = deps.clock.now()
  const key = requestId ? `applicant.submit:${actor.openid}:${requestId}` : null

  return deps.store.transaction((repos) =>
    once(repos, key, now, async () => {
      const id = deps.ids.newId()
      const idNumberHash = deps.cipher.keyedHash(form.idNumber)
      await claimOrExplain(repos, openApplicationOf(actor.openid), id, '您已有一份正在办理的申请，请在“我的申请”中查看')
      await claimOrExplain(repos, openApplicationForId(idNumberHash), id, '该身份证号已有正在办理的申请', 'idNumber')

      const year = shanghaiYear(now)
      const seq = await repos.counters.next(`application-number:${year}`)
      const status = nextStatus('submit', 'draft')
      const at = now.toISOString()
      const rec: ApplicationRecord = {
        id,
        number: formatApplicationNumber(deps.settings.applicationPrefix, year, seq),
        applicantOpenid: actor.openid,
        unitId: deps.settings.defaultUnitId,
        status,
        version: 1,
        name: form.name,
        idNumberEnc: deps.cipher.encrypt(form.idNumber),
        idNumberHash,
        phoneEnc: deps.cipher.encrypt(form.phone),
        employer: form.employer,
        mainCause: form.mainCause,
        timeline: [{ at, status }],
        createdAt: at,
        updatedAt: at,
      }
      await repos.applications.insert(rec)
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'application.submit',
        subject: id,
        detail: { number: rec.number, status },
      })
      return { id, number: rec.number, status }
    }),
  )
}

async function claimOrExplain(repos: Repositories, key: string, holder: string, message: string, field?: string): Promise<void> {
  if (await repos.claims.create(key, holder)) return
  throw new AppError('CONFLICT', message, field)
}
