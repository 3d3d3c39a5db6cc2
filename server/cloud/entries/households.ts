import { households } from '../../functions/households'
import { makeMain } from '../main'

/** The CloudBase entry of the `households` function. */
export const main = makeMain('households', households)
