import type { ApiReply } from '../../src/domain'
import type { FunctionName } from '../../src/domain/api'
import type { Deps } from '../ports'
import { account } from './account'
import { admin } from './admin'
import { applicant } from './applicant'
import { households } from './households'
import { review } from './review'
import { stations } from './stations'
import { dispatch, UNKNOWN_FUNCTION, type FunctionTable, type Identity } from './dispatch'

const TABLES: Record<FunctionName, FunctionTable> = {
  applicant: applicant as unknown as FunctionTable,
  account: account as unknown as FunctionTable,
  stations: stations as unknown as FunctionTable,
  admin: admin as unknown as FunctionTable,
  review: review as unknown as FunctionTable,
  households: households as unknown as FunctionTable,
}

/** Every deployable function. */
export const FUNCTION_NAMES = Object.keys(TABLES) as FunctionName[]

export type { Identity }

/** Runs one call of any function by name: the local server's entry to every table. */
export async function handle(fn: string, event: unknown, identity: Identity, deps: Deps): Promise<ApiReply<unknown>> {
  if (!Object.hasOwn(TABLES, fn)) return UNKNOWN_FUNCTION
  return dispatch(fn as FunctionName, TABLES[fn as FunctionName], event, identity, deps)
}
