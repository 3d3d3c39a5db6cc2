import { redeemInvitation } from '../usecases/admin/invitations'
import { countMyUnread, listMyMessages, markMyMessagesRead } from '../usecases/account/messages'
import { whoAmI } from '../usecases/account/who-am-i'
import { defineFunction } from './define'

/** Who the caller is, their in-app messages, and binding as staff with an invitation code. */
export const account = defineFunction('account', {
  me: { roles: ['worker'], run: whoAmI },
  messages: { roles: ['worker'], run: listMyMessages },
  unreadCount: { roles: ['worker'], run: countMyUnread },
  markRead: { roles: ['worker'], run: markMyMessagesRead },
  redeemInvitation: { roles: ['worker'], run: redeemInvitation },
})
