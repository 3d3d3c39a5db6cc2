import { admin } from '../../functions/admin'
import { makeMain } from '../main'

/** The CloudBase entry of the `admin` function. */
export const main = makeMain('admin', admin)
