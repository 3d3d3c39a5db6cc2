import * as v from 'valibot'
import type { Role } from '../roles'

/** The `account` function: who the caller is. */
export const accountActions = {
  me: v.strictObject({}),
} as const

export interface Me {
  roles: Role[]
  unitName?: string
  /** The display name of a demo account in local mode; absent in WeChat. */
  displayName?: string
}

export interface AccountOutputs {
  me: Me
}
