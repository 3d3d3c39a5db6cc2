import { AppError, type Actor } from '../../../src/domain'
import type { SelfCheckResult } from '../../../src/domain/api/applicant'
import { assessHardship, documentsToPrepare, thresholdsOf, type HardshipAssessment, type SelfCheckFigures } from '../../../src/domain/self-check'
import type { Deps, PolicyRecord } from '../../ports'
import { policyFor } from '../shared/policy'

/** The estimate under the policy of a unit (null when no unit on its path has one: no estimate). */
export const assessFor = (policy: PolicyRecord | null, figures: SelfCheckFigures): HardshipAssessment | null =>
  policy ? assessHardship(figures, thresholdsOf(policy)) : null

/** 困难自测: the likely category against the thresholds of the worker's union, and what to prepare. Writes nothing. */
export async function runSelfCheck(deps: Deps, _actor: Actor, input: SelfCheckFigures & { unitId?: string }): Promise<SelfCheckResult> {
  const { unitId = deps.settings.defaultUnitId, ...figures } = input
  const unit = await deps.store.repos.units.get(unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到所选工会', 'unitId')
  const found = await policyFor(deps.store.repos, unit)
  if (!found) throw new AppError('NOT_FOUND', '所在工会尚未设置帮扶标准，请联系工会', 'unitId')
  return { assessment: assessHardship(figures, thresholdsOf(found.policy)), documents: documentsToPrepare(figures), policyUnitName: found.unit.name }
}
