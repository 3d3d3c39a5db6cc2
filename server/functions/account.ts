import { redeemInvitation } from '../usecases/admin/invitations'
import { countMyUnread, listMyMessages, markMyMessagesRead } from '../usecases/messages'
import { whoAmI } from '../usecases/who-am-i'
import { defineFunction } from './define'

/** Who the caller is, their in-app messages, and binding as staff with an invitation code. */
export const account = defineFunction('account', {
  me: (deps, actor, _input, ctx) => whoAmI(deps, actor, ctx.displayName),
  messages: listMyMessages,
  unreadCount: (deps, actor) => countMyUnread(deps, actor),
  markRead: markMyMessagesRead,
  redeemInvitation,
})
