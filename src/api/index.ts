import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@/domain/api'
import type { ApiReply, ApiRequest } from '@/domain/contract'
import { send } from './transport'

/** Options of one call. */
export interface CallOptions {
  /** Idempotency key: the same key makes a retried write return the first reply. */
  requestId?: string
}

/** Calls `fn.action` with input typed by the shared contract; never throws, failures are replies. */
export function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  opts: CallOptions = {},
): Promise<ApiReply<ActionOutput<F, A>>> {
  const request: ApiRequest = opts.requestId ? { action, input, requestId: opts.requestId } : { action, input }
  return send(fn, request) as Promise<ApiReply<ActionOutput<F, A>>>
}

/** One action as the client calls it: the input may be left out where the contract asks for nothing. */
export type ActionCall<F extends FunctionName, A extends ActionName<F>> = Record<string, never> extends ActionInput<F, A>
  ? (input?: ActionInput<F, A>, opts?: CallOptions) => Promise<ApiReply<ActionOutput<F, A>>>
  : (input: ActionInput<F, A>, opts?: CallOptions) => Promise<ApiReply<ActionOutput<F, A>>>

/** Every action of the contract, by function: `api.applicant.submit(input, { requestId })`. */
export type Api = { readonly [F in FunctionName]: { readonly [A in ActionName<F>]: ActionCall<F, A> } }

/** Not actions: what a runtime may ask of any object (a promise check, a symbol) finds nothing here. */
const isActionName = (key: string | symbol): key is string => typeof key === 'string' && key !== 'then'

/**
 * The typed client, derived from the contract's types: `api.<function>.<action>(input, opts)`
 * sends `{ action, input, requestId? }` to the function. Built on the fly, so it carries none of
 * the contract's schemas into the bundle (the main package stays small).
 */
export const api = new Proxy({} as Api, {
  get: (_, fn) =>
    isActionName(fn)
      ? new Proxy({}, { get: (__, action) => (isActionName(action) ? (input: unknown = {}, opts?: CallOptions) => call(fn as FunctionName, action as never, input as never, opts) : undefined) })
      : undefined,
})

/** A fresh idempotency key; unique enough per user (the server scopes keys by caller). */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36).padStart(7, '0')
  return `${Date.now().toString(36)}-${random()}${random()}`
}
