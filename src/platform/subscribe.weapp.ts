import Taro from '@tarojs/taro'
import { quiet } from './quiet'

/** WeChat delivers subscribe messages. */
export const canSubscribe = true

/**
 * WeChat's subscribe dialog for these templates; resolves with the ids the person accepted. WeChat
 * shows it only when called straight from a tap: call this first thing in the tap handler, before
 * any await (the call happens here, synchronously; only the answer comes later).
 */
export function askSubscribe(templateIds: readonly string[]): Promise<string[]> {
  if (!templateIds.length) return Promise.resolve([])
  return new Promise((resolve) => {
    try {
      quiet(
        Taro.requestSubscribeMessage({
          tmplIds: [...templateIds],
          success: (res: Record<string, unknown>) => resolve(templateIds.filter((id) => res[id] === 'accept')),
          fail: () => resolve([]),
          // Taro's typing wants Alipay's entityIds too; WeChat takes tmplIds alone.
      } as unknown as Taro.requestSubscribeMessage.Option),
      )
    } catch {
      resolve([])
    }
  })
}
