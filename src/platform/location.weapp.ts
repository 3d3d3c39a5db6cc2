import Taro from '@tarojs/taro'
import type { LocateResult } from './location-types'
import { ensurePrivacyAuthorized } from './privacy'

/**
 * WeChat: the fuzzy location (a few kilometres; enough to sort stations and it needs no precise
 * permission), in GCJ-02, after WeChat's privacy authorization. Callbacks, since a refusal must
 * resolve rather than throw.
 */
export async function locate(): Promise<LocateResult> {
  if (!(await ensurePrivacyAuthorized())) return { ok: false, reason: 'denied' }
  return new Promise((resolve) => {
    Taro.getFuzzyLocation({
      type: 'gcj02',
      success: (res) => resolve({ ok: true, point: { lng: res.longitude, lat: res.latitude } }),
      fail: (err: { errMsg?: string }) => resolve({ ok: false, reason: /auth|deny|denied/i.test(err?.errMsg ?? '') ? 'denied' : 'unavailable' }),
    })
  })
}
