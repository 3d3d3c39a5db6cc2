import type { Actor } from '../../../src/domain'
import type { MessageView } from '../../../src/domain/api/account'
import type { Page } from '../../../src/domain/api/applicant'
import type { Deps, MessageRecord } from '../../ports'

const toView = (m: MessageRecord): MessageView => ({
  id: m.id,
  title: m.title,
  body: m.body,
  applicationId: m.applicationId,
  createdAt: m.createdAt,
  read: m.readAt !== null,
})

/** The caller's own in-app messages, newest first. */
export async function listMyMessages(deps: Deps, actor: Actor, input: { page: number; pageSize: number }): Promise<Page<MessageView>> {
  const { items, total } = await deps.store.repos.messages.listFor(actor.openid, { offset: (input.page - 1) * input.pageSize, limit: input.pageSize })
  return { items: items.map(toView), total, page: input.page, pageSize: input.pageSize }
}

export async function countMyUnread(deps: Deps, actor: Actor): Promise<{ count: number }> {
  return { count: await deps.store.repos.messages.unreadCount(actor.openid) }
}

/** Marks the caller's own messages read; ids of other people's messages change nothing. */
export async function markMyMessagesRead(deps: Deps, actor: Actor, input: { ids: string[] }): Promise<{ updated: number }> {
  return { updated: await deps.store.repos.messages.markRead(actor.openid, input.ids, deps.clock.now().toISOString()) }
}
