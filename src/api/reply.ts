import { DEFAULT_MESSAGES, ERROR_CODES, type ApiError, type ApiReply } from '@/domain/contract'

/** What a caller sees when the request never reached the server. */
export const NETWORK_FAILURE: ApiReply<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' },
}

/** What a caller sees when the server answered with something that is not a contract reply. */
export const MALFORMED_REPLY: ApiReply<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null

function isApiError(x: unknown): x is ApiError {
  return (
    isRecord(x) &&
    typeof x.message === 'string' &&
    (ERROR_CODES as readonly unknown[]).includes(x.code) &&
    (x.field === undefined || typeof x.field === 'string')
  )
}

/** Accepts `{ ok: true, data }` or `{ ok: false, error }`; anything else becomes MALFORMED_REPLY. */
export function toApiReply(body: unknown): ApiReply<unknown> {
  if (isRecord(body) && body.ok === true && 'data' in body) return { ok: true, data: body.data }
  if (isRecord(body) && body.ok === false && isApiError(body.error)) return { ok: false, error: body.error }
  return MALFORMED_REPLY
}
