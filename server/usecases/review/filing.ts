import { AppError, shanghaiYear, type Actor } from '../../../src/domain'
import type { CaseView } from '../../../src/domain/api/review'
import { noticeState, type ReviewEntry } from '../../../src/domain/review'
import type { ApplicationRecord, CallContext, Deps, HouseholdRecord, Repositories } from '../../ports'
import { policyFor } from '../shared/policy'
import { currentForm } from '../shared/sealed-form'
import { appendAudit } from '../shared/audit'
import { householdOf } from '../shared/claim-keys'
import { staffName } from './access'
import { proposedCategory } from './case-view'
import { decide, type DecisionInput } from './decide'

type FiledCategory = HouseholdRecord['category']


/**
 * The household file an approval writes to: the person's deregistered file, filed again with its
 * history kept, or a new one. A file still on record is a CONFLICT: one household, one file.
 */
async function targetHousehold(deps: Deps, repos: Repositories, rec: ApplicationRecord): Promise<HouseholdRecord | { newId: string }> {
  const claim = await repos.claims.get(householdOf(rec.idNumberHash))
  if (!claim) return { newId: deps.ids.newId() }
  const old = await repos.households.get(claim.holder)
  if (!old) throw new Error('household claim without its household')
  if (old.status === 'filed') throw new AppError('CONFLICT', `该职工家庭已建档（档案号${old.number}），不能重复建档`)
  return old
}

async function writeHousehold(
  deps: Deps,
  repos: Repositories,
  actor: Actor,
  rec: ApplicationRecord,
  target: HouseholdRecord | { newId: string },
  category: FiledCategory,
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  const byName = await staffName(repos, actor)
  const memberCount = currentForm(rec, deps.cipher)?.finances.householdSize ?? 1
  if ('id' in target) {
    // Filed again: a later deregistration starts the retention count afresh, for the new application too.
    const { documentsPurgedAt: _purged, ...kept } = target
    const next: HouseholdRecord = {
      ...kept,
      status: 'filed',
      category,
      unitId: rec.unitId,
      headName: rec.name,
      memberCount,
      applicationIds: [...target.applicationIds, rec.id],
      history: [...target.history, { id: deps.ids.newId(), at, by: actor.openid, byName, kind: 'refiled', applicationId: rec.id, category }],
      version: target.version + 1,
      filedAt: at,
      updatedAt: at,
    }
    if (!(await repos.households.update(next, target.version))) throw new AppError('CONFLICT', '档案已有更新，请重试')
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'household.refile', subject: target.id, detail: { applicationId: rec.id, category } })
    return
  }
  const year = shanghaiYear(now)
  const seq = await repos.counters.next(`household-${year}`)
  const household: HouseholdRecord = {
    id: target.newId,
    number: `${deps.settings.applicationPrefix}-H-${year}-${String(seq).padStart(6, '0')}`,
    unitId: rec.unitId,
    category,
    status: 'filed',
    headName: rec.name,
    idNumberEnc: rec.idNumberEnc,
    idNumberHash: rec.idNumberHash,
    memberCount,
    applicationIds: [rec.id],
    cadres: [],
    history: [{ id: deps.ids.newId(), at, by: actor.openid, byName, kind: 'filed', applicationId: rec.id, category }],
    lastContactOn: null,
    version: 1,
    filedAt: at,
    updatedAt: at,
  }
  if (!(await repos.claims.create(householdOf(rec.idNumberHash), household.id))) throw new AppError('CONFLICT', '该职工家庭正在建档，请刷新后再试')
  await repos.households.insert(household)
  await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'household.file', subject: household.id, detail: { applicationId: rec.id, category } })
}

/**
 * 审批建档: after a notice that ended without objection, the reviewer chooses the gradient
 * category (the computation is on the case page) and the household is filed in the same
 * transaction. The end-of-notice entry is written here when the timer has not run yet.
 */
export function approveAndFile(deps: Deps, actor: Actor, input: DecisionInput & { category: FiledCategory; note: string }, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'approveAndFile', async (rec, repos, now) => {
    const entries = rec.review ?? []
    const notice = noticeState(entries, now)
    if (!notice.ended) {
      throw new AppError('CONFLICT', notice.running ? `公示期未满（${notice.endsAt!.slice(0, 10)}结束），暂不能审批` : '案件尚未完成公示，不能审批')
    }
    const target = await targetHousehold(deps, repos, rec)
    const householdId = 'id' in target ? target.id : target.newId
    const unit = await repos.units.get(rec.unitId)
    const policy = (unit && (await policyFor(repos, unit))?.policy) ?? null
    const ended: ReviewEntry[] = notice.endRecorded ? [] : [{ kind: 'notice-ended', id: deps.ids.newId(), at: notice.endsAt!, by: 'system', byName: '系统' }]
    return {
      transition: 'approveAndFile',
      entry: { kind: 'filed', category: input.category, computed: proposedCategory(deps, rec, policy), note: input.note, householdId },
      patch: { review: [...entries, ...ended], noticeEndsAt: null, householdId },
      detail: { category: input.category, householdId },
      after: (r, next) => writeHousehold(deps, r, actor, next, target, input.category, now),
    }
  })
}
