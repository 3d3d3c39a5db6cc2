import * as v from 'valibot'
import type { Role, StaffRole } from '../roles'
import { PageInputSchema, type Page } from './applicant'
import { ANYONE, returns, type FunctionContract } from './define'

const UnitIdSchema = v.pipe(v.string('请选择单位'), v.nonEmpty('请选择单位'), v.maxLength(64, '单位编号不正确'))

/** The `account` function: who the caller is, and their in-app messages. */
export const accountActions = {
  me: { input: v.strictObject({}), output: returns<Me>(), roles: ANYONE },
  messages: { input: PageInputSchema, output: returns<Page<MessageView>>(), roles: ANYONE },
  unreadCount: { input: v.strictObject({}), output: returns<{ count: number }>(), roles: ANYONE },
  /** A staff member binds their identity with the one-time code an admin gave them. */
  redeemInvitation: {
    input: v.strictObject({
      code: v.pipe(v.string('请输入邀请码'), v.trim(), v.nonEmpty('请输入邀请码'), v.maxLength(32, '邀请码不正确')),
    }),
    output: returns<RedeemedInvitation>(),
    roles: ANYONE,
  },
  /** The subscribe-message templates the caller may accept now (a worker: of the unit they apply to), with the acceptances held. */
  subscribeTemplates: {
    input: v.strictObject({ unitId: v.optional(UnitIdSchema) }),
    output: returns<SubscribeTemplates>(),
    roles: ANYONE,
  },
  /** What the caller accepted in WeChat's subscribe dialog (template ids), one acceptance each. */
  acceptSubscriptions: {
    input: v.strictObject({
      unitId: v.optional(UnitIdSchema),
      accepted: v.pipe(
        v.array(v.pipe(v.string('模板编号应为文本'), v.regex(/^[A-Za-z0-9_-]{10,64}$/, '模板编号不正确')), '模板编号应为列表'),
        v.minLength(1, '没有接受任何消息'),
        v.maxLength(3, '一次最多订阅3种消息'),
      ),
    }),
    output: returns<SubscribeTemplates>(),
    roles: ANYONE,
  },
  markRead: {
    input: v.strictObject({
      ids: v.pipe(
        v.array(v.pipe(v.string('消息编号应为文本'), v.maxLength(64, '消息编号不正确')), '消息编号应为列表'),
        v.minLength(1, '请选择要标记的消息'),
        v.maxLength(100, '一次最多标记100条消息'),
      ),
    }),
    output: returns<{ updated: number }>(),
    roles: ANYONE,
  },
} as const satisfies FunctionContract

export interface Me {
  roles: Role[]
  unitName?: string
  /** The display name of a demo account in local mode; absent in WeChat. */
  displayName?: string
}

/** An in-app message as its reader sees it. */
export interface MessageView {
  id: string
  title: string
  body: string
  applicationId: string | null
  createdAt: string
  read: boolean
}

/** A template the caller may subscribe to, and how many messages of it WeChat may deliver to them now. */
export interface SubscribeTemplate {
  templateId: string
  held: number
}

/** By message kind (the policy's `template:<kind>`): null when the union set no template for it. */
export interface SubscribeTemplates {
  /** A worker's application moved on. */
  statusChanged: SubscribeTemplate | null
  /** Staff: the daily reminder of the cases waiting in their queue. */
  casesWaiting: SubscribeTemplate | null
}

/** What a redeemed invitation made of the caller. */
export interface RedeemedInvitation {
  unitName: string
  roles: StaffRole[]
}
