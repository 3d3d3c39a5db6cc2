import Taro from '@tarojs/taro'
import type { ApiReply, ApiRequest } from '@/domain/contract'
import { NETWORK_FAILURE, toApiReply } from './reply'

/** Calls the CloudBase function `fn` with the contract event; the identity comes from WeChat. */
export async function send(fn: string, request: ApiRequest): Promise<ApiReply<unknown>> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { ...request } })
    return toApiReply(res.result)
  } catch (err) {
    console.error(`callFunction ${fn}.${request.action} failed`, err)
    return NETWORK_FAILURE
  }
}
