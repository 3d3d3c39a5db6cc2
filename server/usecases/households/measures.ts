import type * as v from 'valibot'
import { AppError, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import type { MeasureInputSchema, MeasureUpdateSchema } from '../../../src/domain/household-schemas'
import type { CallContext, Deps, MeasureRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { staffNameOf } from './access'
import { writeHouseholdFile } from './file-write'
import { CASE_ROLES, requireFiled } from './household-write'

/**
 * Aid measures (帮扶措施): planned for a filed household by its caseworkers and reviewers, then
 * followed to done with the outcome. A measure is its own record with its own version, so
 * updating one does not touch the household file.
 */

/** Adds a measure to a filed household of the caller's jurisdiction. */
export async function addMeasure(deps: Deps, actor: Actor, input: v.InferOutput<typeof MeasureInputSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'addMeasure', roles: CASE_ROLES }, async ({ repos, rec, now }) => {
    requireFiled(rec, '添加帮扶措施')
    const at = now.toISOString()
    const measure: MeasureRecord = {
      id: deps.ids.newId(),
      householdId: rec.id,
      unitId: rec.unitId,
      kind: input.kind,
      description: input.description,
      status: input.status,
      outcome: input.outcome,
      createdAt: at,
      createdBy: actor.openid,
      createdByName: await staffNameOf(repos, actor.openid),
      updatedAt: at,
      version: 1,
    }
    await repos.measures.insert(measure)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.measure.add',
      subject: rec.id,
      detail: { measureId: measure.id, kind: measure.kind, status: measure.status },
    })
    return { measureId: measure.id }
  })
}

/** Records a measure's progress: its status and outcome, at the version the caller saw. */
export async function updateMeasure(deps: Deps, actor: Actor, input: v.InferOutput<typeof MeasureUpdateSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'updateMeasure', roles: CASE_ROLES, part: input.measureId }, async ({ repos, rec, now }) => {
    const measure = await repos.measures.get(input.measureId)
    if (!measure || measure.householdId !== rec.id) throw new AppError('NOT_FOUND', '没有找到这项帮扶措施', 'measureId')
    const stale = new AppError('CONFLICT', '帮扶措施已被他人更新，请刷新后再操作')
    if (measure.status === 'ended') throw new AppError('CONFLICT', '该措施已随家庭脱困注销结束，不能再更新')
    if (measure.version !== input.expectedVersion) throw stale
    const next: MeasureRecord = { ...measure, status: input.status, outcome: input.outcome, updatedAt: now.toISOString(), version: measure.version + 1 }
    if (!(await repos.measures.update(next, measure.version))) throw stale
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.measure.update',
      subject: rec.id,
      detail: { measureId: measure.id, from: measure.status, to: next.status },
    })
    return { measureId: measure.id, version: next.version }
  })
}
