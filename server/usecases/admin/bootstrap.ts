import { AppError, type StaffRole } from '../../../src/domain'
import { adminActions, type CreatedInvitation } from '../../../src/domain/api/admin'
import { validate } from '../../../src/domain/validate'
import type { Deps, OrgUnitRecord } from '../../ports'
import { appendAudit, auditHash } from '../shared/audit'
import { createdInvitation, draftInvitation } from './invitations'

/** The claim that marks the first admin's invitation as made; its holder is that invitation's id. */
export const FIRST_ADMIN_CLAIM = 'bootstrap:first-admin'
/** The audit actor of the bootstrap: an operator at a shell, not a WeChat identity. */
export const BOOTSTRAP_ACTOR = 'bootstrap'
/** The first admin also reviews, so a new union can run a case end to end with one person. */
export const FIRST_ADMIN_ROLES: StaffRole[] = ['admin', 'reviewer']

/** The unit named, or the root of the tree when none is. */
async function targetUnit(deps: Deps, unitId: string | undefined): Promise<OrgUnitRecord> {
  if (unitId) {
    const unit = await deps.store.repos.units.get(unitId)
    if (!unit) throw new AppError('NOT_FOUND', `单位“${unitId}”不存在，请检查编号`, 'unitId')
    return unit
  }
  const roots = await deps.store.repos.units.children(null)
  if (roots.length === 0) throw new AppError('NOT_FOUND', '系统中还没有单位：请先用 npm run import:union 导入单位', 'unitId')
  if (roots.length > 1) throw new AppError('CONFLICT', `有 ${roots.length} 个根单位（${roots.map((u) => u.id).join('、')}），请用 --unit 指定一个`, 'unitId')
  return roots[0]
}

/**
 * Whether an audit event verifies under this deployment's key. A different data key would
 * make a code the functions cannot find and an event that breaks the chain, so it is refused here.
 */
async function sameDataKey(deps: Deps): Promise<boolean> {
  const [event] = await deps.store.repos.audit.list(null, 1)
  if (!event) return true
  const { hash, ...rest } = event
  return auditHash(deps.cipher, rest) === hash
}

/**
 * The deployment's first admin: one invitation code for `displayName` to the root unit (or
 * `unitId`) with admin and reviewer, made once per deployment. The claim FIRST_ADMIN_CLAIM, the
 * invitation and its audit event (actor BOOTSTRAP_ACTOR) are written in one transaction, so a
 * second run, or two racing, gets CONFLICT. The person redeems the code in the mini-program
 * (account.redeemInvitation); everyone after them is invited by an admin.
 */
export async function bootstrapFirstAdmin(deps: Deps, input: { displayName: string; unitId?: string }): Promise<CreatedInvitation> {
  if ((await deps.store.repos.claims.get(FIRST_ADMIN_CLAIM)) !== null) throw alreadyDone()
  if (!(await sameDataKey(deps))) throw new AppError('CONFLICT', '数据密钥与系统已有数据所用的不一致（审计日志无法用它验证）：云开发请使用云函数配置的同一个 LANTIAN_DATA_KEY，本地请使用数据目录中的密钥文件')
  const unit = await targetUnit(deps, input.unitId)
  const checked = validate(adminActions.createInvitation.input, { unitId: unit.id, roles: FIRST_ADMIN_ROLES, displayName: input.displayName })
  if (!checked.ok) throw new AppError('VALIDATION', checked.problems[0].message, checked.problems[0].field)
  const now = deps.clock.now()
  const { code, rec } = draftInvitation(deps, checked.value, BOOTSTRAP_ACTOR, now)
  await deps.store.transaction(async (repos) => {
    if (!(await repos.claims.create(FIRST_ADMIN_CLAIM, rec.id))) throw alreadyDone()
    if (!(await repos.units.get(unit.id))) throw new AppError('NOT_FOUND', `单位“${unit.id}”不存在，请检查编号`, 'unitId')
    await repos.invitations.insert(rec)
    await appendAudit(repos, deps.cipher, now, {
      actor: BOOTSTRAP_ACTOR,
      action: 'invitation.create',
      subject: rec.id,
      detail: { unitId: unit.id, roles: rec.roles, expiresAt: rec.expiresAt, firstAdmin: true },
    })
  })
  return createdInvitation(rec, code, unit.name)
}

const alreadyDone = () =>
  new AppError('CONFLICT', `首位管理员的邀请码已经生成过（${FIRST_ADMIN_CLAIM}），不能再生成：之后的工作人员请由管理员在小程序中邀请`)
