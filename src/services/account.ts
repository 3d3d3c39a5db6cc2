import { call } from './client'

/** Who the caller is: roles, unit and, in local mode, the demo account's display name. */
export function me() {
  return call('account', 'me', {})
}

/** A staff member binds this identity to a unit and roles with the one-time code an admin gave them. */
export function redeemInvitation(code: string) {
  return call('account', 'redeemInvitation', { code })
}
