import { call } from './client'

/** Who the caller is: roles, unit and, in local mode, the demo account's display name. */
export function me() {
  return call('account', 'me', {})
}
