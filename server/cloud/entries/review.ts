import { review } from '../../functions/review'
import { makeMain } from '../main'

/** The CloudBase entry of the `review` function. */
export const main = makeMain('review', review)
