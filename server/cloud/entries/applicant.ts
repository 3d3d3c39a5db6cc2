import { applicant } from '../../functions/applicant'
import { makeMain } from '../main'

/** The CloudBase entry of the `applicant` function. */
export const main = makeMain('applicant', applicant)
