import { redeemInvitation } from '../usecases/admin/invitations'
import { countMyUnread, listMyMessages, markMyMessagesRead } from '../usecases/account/messages'
import { whoAmI } from '../usecases/account/who-am-i'
import { defineFunction } from './define'

/** Who the caller is, their in-app messages, and binding as staff with an invitation code. */
export const account = defineFunction('account', {
  me: { roles: ['worker'], run: (deps, actor, _input, ctx) => whoAmI(deps, actor, ctx.displayName) },
  messages: { roles: ['worker'], run: listMyMessages },
  unreadCount: { roles: ['worker'], run: (deps, actor) => countMyUnread(deps, actor) },
  markRead: { roles: ['worker'], run: markMyMessagesRead },
  redeemInvitation: { roles: ['worker'], run: redeemInvitation },
})
