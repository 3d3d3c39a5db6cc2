import type { Notifier } from '../ports'

/**
 * The local runtime's notifier. The worker is already told in the app: every status change writes
 * an in-app message in the same transaction as its outbox entry. A subscribe message exists only
 * inside WeChat, so locally each entry is closed as 'skipped' with this reason, not left pending.
 */
export const inAppOnlyNotifier: Notifier = {
  async send() {
    return { status: 'skipped', reason: 'local mode: the in-app message is the notification; subscribe messages exist only in WeChat' }
  },
}
