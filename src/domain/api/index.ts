import type * as v from 'valibot'
import { accountActions, type AccountOutputs } from './account'
import { adminActions, type AdminOutputs } from './admin'
import { applicantActions, type ApplicantOutputs } from './applicant'
import { householdsActions, type HouseholdsOutputs } from './households'
import { reviewActions, type ReviewOutputs } from './review'
import { stationsActions, type StationsOutputs } from './stations'

/** Every function, its actions' input schemas, and what each returns: the shared contract. */
export const API = {
  applicant: applicantActions,
  account: accountActions,
  stations: stationsActions,
  admin: adminActions,
  review: reviewActions,
  households: householdsActions,
} as const

export interface ApiOutputs {
  applicant: ApplicantOutputs
  account: AccountOutputs
  stations: StationsOutputs
  admin: AdminOutputs
  review: ReviewOutputs
  households: HouseholdsOutputs
}

export type FunctionName = keyof typeof API
export type ActionName<F extends FunctionName> = keyof (typeof API)[F] & keyof ApiOutputs[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = v.InferInput<
  Extract<(typeof API)[F][A], v.GenericSchema>
>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = ApiOutputs[F][A]
