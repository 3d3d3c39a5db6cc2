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
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role)
}
