import type * as v from 'valibot'
import { accountActions } from './account'
import { adminActions } from './admin'
import { applicantActions } from './applicant'
import { householdsActions } from './households'
import { reviewActions } from './review'
import { stationsActions } from './stations'

/** The shared contract: every function, and each of its actions' input schema, output type and roles. */
export const API = {
  applicant: applicantActions,
  account: accountActions,
  stations: stationsActions,
  admin: adminActions,
  review: reviewActions,
  households: householdsActions,
} as const

export type FunctionName = keyof typeof API
export type ActionName<F extends FunctionName> = keyof (typeof API)[F] & string
/** One action's entry in the contract. */
export type ActionEntry<F extends FunctionName, A extends ActionName<F>> = (typeof API)[F][A] extends infer E
  ? E extends { input: v.GenericSchema; output: unknown }
    ? E
    : never
  : never
/** What the caller sends (before the schema's defaults and trimming). */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = v.InferInput<ActionEntry<F, A>['input']>
/** What the use case receives: the input as the schema has checked and completed it. */
export type ActionParsedInput<F extends FunctionName, A extends ActionName<F>> = v.InferOutput<ActionEntry<F, A>['input']>
/** What the action answers with. */
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = ActionEntry<F, A>['output']

export type { ActionContract, FunctionContract } from './define'
