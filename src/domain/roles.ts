/** Who someone is to the system. Everyone without a staff binding is a `worker`. */
export const STAFF_ROLES = ['caseworker', 'reviewer', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]
export type Role = 'worker' | StaffRole

/** The caller as the use cases see it: identity from the runtime, roles from the staff record. */
export interface Actor {
  /** WeChat OPENID in production, the demo account's id locally. */
  openid: string
  roles: Role[]
  /** The staff member's union unit; their jurisdiction is its subtree. */
  unitId?: string
  /** A caseworker typing a 代为申请 acts as its placeholder applicant: this is the caseworker's openid, whom the audit log names. */
  typist?: string
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role)
}

/** A staff role as the admin pages and the staff member see it: a short name and what it does. */
export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, { label: string; does: string }>> = {
  caseworker: { label: '经办人员', does: '初审材料、入户调查' },
  reviewer: { label: '审核人员', does: '帮扶中心：公示、审批、建档' },
  admin: { label: '管理员', does: '管理单位、人员和站点' },
}

/** `经办人员、管理员`: roles in the fixed order of STAFF_ROLES. */
export function staffRolesText(roles: readonly StaffRole[]): string {
  return STAFF_ROLES.filter((r) => roles.includes(r))
    .map((r) => STAFF_ROLE_LABELS[r].label)
    .join('、')
}
