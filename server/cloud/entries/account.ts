import { account } from '../../functions/account'
import { makeMain } from '../main'

/** The CloudBase entry of the `account` function. */
export const main = makeMain('account', account)
