import Taro from '@tarojs/taro'
import { quiet } from './quiet'

/**
 * WeChat's privacy authorization (用户隐私保护指引) before a privacy-sensitive call such as
 * choosing photos or files or the location: asks WeChat whether the person still has to agree
 * (getPrivacySetting), and only then shows WeChat's own prompt. Resolves true when the call may go
 * ahead. Typed as returning void in Taro: callbacks, not a promise.
 */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return new Promise((resolve) => {
    const prompt = () => quiet(Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) }))
    try {
      quiet(Taro.getPrivacySetting({ success: (res) => (res.needAuthorization ? prompt() : resolve(true)), fail: prompt }))
    } catch {
      // A base library without the privacy API enforces nothing: go ahead.
      resolve(true)
    }
  })
}
