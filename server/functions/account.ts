import { redeemInvitation } from '../usecases/admin/invitations'
import { countMyUnread, listMyMessages, markMyMessagesRead } from '../usecases/account/messages'
import { acceptMySubscriptions, mySubscribeTemplates } from '../usecases/account/subscriptions'
import { whoAmI } from '../usecases/account/who-am-i'
import { defineFunction } from './define'

/** Who the caller is, their in-app messages and subscriptions, and binding as staff with an invitation code. */
export const account = defineFunction('account', {
  me: whoAmI,
  messages: listMyMessages,
  unreadCount: countMyUnread,
  markRead: markMyMessagesRead,
  subscribeTemplates: mySubscribeTemplates,
  acceptSubscriptions: acceptMySubscriptions,
  redeemInvitation,
})
