/** The event contract shared by every cloud function and the local server (DESIGN.md). */

/** Error codes a reply may carry. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** A typed failure: `message` is plain Chinese, `field` names the form field to highlight. */
export interface ApiError {
  code: ErrorCode
  message: string
  field?: string
}

/** A request to a function: one action, its input and an optional idempotency key. */
export interface ApiRequest<I = unknown> {
  action: string
  input: I
  requestId?: string
}

export type ApiReply<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** Thrown by use cases and caught at the function boundary, where it becomes a reply. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
  toApiError(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message }
  }
}

/** Default Chinese messages for the codes, for replies that have nothing more specific to say. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关记录',
  CONFLICT: '记录已被他人修改，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
}
