/**
 * Taro wraps most wx APIs in a promise even when callbacks are given; a failure the callbacks
 * handle would still reject it, unhandled. Pass such a call's return value here.
 */
export function quiet(result: unknown): void {
  if (result && typeof (result as Promise<unknown>).catch === 'function') void (result as Promise<unknown>).catch(() => undefined)
}
