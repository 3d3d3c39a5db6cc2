import * as v from 'valibot'
import { AppError, DEFAULT_MESSAGES, validate, type ApiReply } from '../../src/domain'
import { API, type ActionContract, type FunctionName } from '../../src/domain/api'
import { actorOf, resolveActor } from '../usecases/shared/actor'
import type { Deps, StaffRecord } from '../ports'
import type { ActionRun } from './define'

/** A function's use cases by action name, as the dispatcher sees them. */
export type FunctionTable = Record<string, ActionRun<unknown, unknown>>

/** Who the runtime says is calling: OPENID from CloudBase, or the local demo session. */
export interface Identity {
  openid: string | null
  displayName?: string
  /** The caller's staff record (null: not staff) when the runtime read it for this very call (the local session check): not read again. */
  staff?: StaffRecord | null
}

/**
 * The top-level event: only these keys are read. Anything else (WeChat adds `userInfo`; a forger
 * may add `openid`) is ignored, because identity comes from the runtime alone.
 */
const EventSchema = v.object({
  action: v.pipe(v.string('缺少操作名称'), v.nonEmpty('缺少操作名称'), v.maxLength(64, '操作名称不正确')),
  input: v.optional(v.record(v.string(), v.unknown(), '请求内容应为对象'), {}),
  requestId: v.optional(v.pipe(v.string('请求编号应为文本'), v.regex(/^[\w-]{8,64}$/, '请求编号格式不正确'))),
})

const fail = (code: AppError['code'], message = DEFAULT_MESSAGES[code], field?: string): ApiReply<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
})

/** Answered when the function name itself is unknown. */
export const UNKNOWN_FUNCTION = fail('VALIDATION', '未知的功能')

/**
 * Runs one call of function `fn` (whose action table is `table`) under the event contract and
 * always answers with a reply, never a throw. A cloud function's bundle imports only its own table.
 */
export async function dispatch(fn: FunctionName, table: FunctionTable, event: unknown, identity: Identity, deps: Deps): Promise<ApiReply<unknown>> {
  const parsedEvent = validate(EventSchema, event)
  if (!parsedEvent.ok) return fail('VALIDATION', parsedEvent.problems[0].message)
  const { action, input, requestId } = parsedEvent.value
  const run = Object.hasOwn(table, action) ? table[action] : undefined
  const contract = Object.hasOwn(API[fn], action) ? (API[fn] as Record<string, ActionContract>)[action] : undefined
  if (!run || !contract) return fail('VALIDATION', '未知的操作')
  if (!identity.openid) return fail('UNAUTHENTICATED')

  try {
    const actor = identity.staff !== undefined ? actorOf(identity.openid, identity.staff) : await resolveActor(deps.store.repos, identity.openid)
    if (!contract.roles.some((r) => actor.roles.includes(r))) return fail('FORBIDDEN')
    const parsed = validate(contract.input, input)
    if (!parsed.ok) {
      const [first] = parsed.problems
      return fail('VALIDATION', first.message, first.field)
    }
    const data = await run(deps, actor, parsed.value, { requestId: requestId ?? null, displayName: identity.displayName })
    return { ok: true, data }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toApiError() }
    // Only the kind of failure is logged: inputs may hold sensitive values.
    console.error(`[${fn}.${action}] ${err instanceof Error ? err.name + ': ' + err.message : 'non-error thrown'}`)
    return fail('INTERNAL')
  }
}
