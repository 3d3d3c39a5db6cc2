import Taro from '@tarojs/taro'
import { quiet } from './quiet'
import type { LocateResult, LocationWording } from './location-types'
import { ensurePrivacyAuthorized } from './privacy'

/** The scope getFuzzyLocation asks for (app.config's purpose text is under it). */
const SCOPE = 'scope.userFuzzyLocation'

/**
 * WeChat: the fuzzy location (a few kilometres; enough to sort stations and it needs no precise
 * permission), in GCJ-02, after WeChat's privacy authorization. Callbacks, since a refusal must
 * resolve rather than throw.
 */
export async function locate(): Promise<LocateResult> {
  if (!(await ensurePrivacyAuthorized())) return { ok: false, reason: 'denied' }
  return new Promise((resolve) => {
    quiet(
      Taro.getFuzzyLocation({
        type: 'gcj02',
        success: (res) => resolve({ ok: true, point: { lng: res.longitude, lat: res.latitude } }),
        fail: (err: { errMsg?: string }) => resolve({ ok: false, reason: /auth|deny|denied/i.test(err?.errMsg ?? '') ? 'denied' : 'unavailable' }),
      }),
    )
  })
}

export const LOCATION_WORDING: LocationWording = {
  denied: '您没有允许小程序使用位置信息，可点“去设置”打开“位置信息”。',
  unavailable: '暂时无法获取您的位置，请确认手机已打开定位并允许微信使用位置。',
}

/** After a refusal WeChat never asks again by itself: its settings page is the way back. */
export const canOpenSettings = true

/**
 * Opens the mini-program's settings page (WeChat allows it only from a tap: call it first thing in
 * the tap handler); true when the person turned the location on there.
 */
export function openLocationSettings(): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      quiet(Taro.openSetting({ success: (res) => resolve((res.authSetting as Record<string, boolean | undefined>)[SCOPE] === true), fail: () => resolve(false) }))
    } catch {
      resolve(false)
    }
  })
}
