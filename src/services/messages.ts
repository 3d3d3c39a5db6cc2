import { call } from './client'

/** The caller's in-app messages, newest first. */
export function listMessages(page = 1, pageSize = 50) {
  return call('account', 'messages', { page, pageSize })
}

/** How many of the caller's messages are unread (the badge on the home page). */
export function unreadCount() {
  return call('account', 'unreadCount', {})
}

export function markRead(ids: string[]) {
  return call('account', 'markRead', { ids })
}
