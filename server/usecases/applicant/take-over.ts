import { AppError, type Actor } from '../../../src/domain'
import type { Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { openApplicationOf } from '../shared/claim-keys'
import { redeemCode } from '../shared/one-time-code'

const CLOSED = new Set(['withdrawn', 'rejected', 'filed'])

/**
 * A worker takes an application typed for them (by a caseworker or a relative) into their own
 * WeChat with the code on their paper: it becomes theirs (their open application, their list,
 * their messages from now on) and the case keeps who typed it. One redemption per code, wrong
 * codes rate-limited (shared/one-time-code.ts).
 */
export function takeOver(deps: Deps, actor: Actor, input: { code: string }): Promise<{ id: string; number: string }> {
  return redeemCode(deps, actor, input.code, {
    kind: 'takeover',
    words: { wrong: '认领码不正确，请核对纸条上的认领码', used: '这个认领码已经用过了，请联系工会工作人员', expired: '这个认领码已过期，请联系工会工作人员重新生成', limited: '认领码输错次数过多，请一小时后再试' },
    async check(repos, code) {
      const rec = code.applicationId ? await repos.applications.get(code.applicationId) : null
      if (!rec || !rec.typedBy || CLOSED.has(rec.status)) return { code: 'CONFLICT', message: '这份申请已办结，无需认领', counted: false }
      if (rec.applicantOpenid === actor.openid) return { code: 'CONFLICT', message: '这份申请已在您的微信中', counted: false }
      if (await repos.claims.get(openApplicationOf(actor.openid))) return { code: 'CONFLICT', message: '您已有一份正在办理的申请，请联系工会工作人员', counted: false }
      return null
    },
    async apply(repos, code, at) {
      const rec = (await repos.applications.get(code.applicationId!))!
      const old = await repos.claims.get(openApplicationOf(rec.applicantOpenid))
      if (old?.holder === rec.id) await repos.claims.release(openApplicationOf(rec.applicantOpenid))
      if (!(await repos.claims.create(openApplicationOf(actor.openid), rec.id))) throw new AppError('CONFLICT', '您已有一份正在办理的申请，请联系工会工作人员')
      const next = { ...rec, applicantOpenid: actor.openid, typedBy: { ...rec.typedBy!, takenOverAt: at }, version: rec.version + 1, updatedAt: at }
      if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '申请正在办理，请稍后再试')
      await repos.messages.add({
        id: deps.ids.newId(), openid: actor.openid, applicationId: rec.id, createdAt: at, readAt: null,
        title: '已认领申请', body: `申请${rec.number}已转到您的微信，今后的办理进度会发给您`,
      })
      await appendAudit(repos, deps.cipher, new Date(at), { actor: actor.openid, action: 'application.takeover', subject: rec.id, detail: { invitationId: code.id, typedBy: rec.typedBy!.kind } })
      return { id: rec.id, number: rec.number }
    },
  })
}
