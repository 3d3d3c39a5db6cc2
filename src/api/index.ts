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

/** A fresh idempotency key; unique enough per user (the server scopes keys by caller). */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36).padStart(7, '0')
  return `${Date.now().toString(36)}-${random()}${random()}`
}
