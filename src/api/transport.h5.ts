import type { ApiReply, ApiRequest } from '@/domain/contract'
import { MALFORMED_REPLY, NETWORK_FAILURE, toApiReply } from './reply'

/** Posts the contract event to the local server's `/api/<fn>`; the identity is the session cookie. */
export async function send(fn: string, request: ApiRequest): Promise<ApiReply<unknown>> {
  let res: Response
  try {
    res = await fetch(`/api/${encodeURIComponent(fn)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      credentials: 'same-origin',
    })
  } catch {
    return NETWORK_FAILURE
  }
  let reply: ApiReply<unknown>
  try {
    reply = toApiReply(await res.json())
  } catch {
    return MALFORMED_REPLY
  }
  if (!reply.ok && reply.error.code === 'UNAUTHENTICATED') redirectToLogin()
  return reply
}

/** Set once the browser is on its way to the sign-in: several calls failing together navigate once. */
let redirecting = false

/** Sends the browser to the demo sign-in, which comes back to the page it was on. */
function redirectToLogin(): void {
  if (redirecting) return
  redirecting = true
  const next = window.location.pathname + window.location.hash
  window.location.assign(`/demo-login?next=${encodeURIComponent(next)}`)
}
