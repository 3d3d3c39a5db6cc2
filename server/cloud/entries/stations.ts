import { stations } from '../../functions/stations'
import { makeMain } from '../main'

/** The CloudBase entry of the `stations` function. */
export const main = makeMain('stations', stations)
