import Taro from '@tarojs/taro'

/**
 * WeChat's privacy authorization (用户隐私保护指引) before a privacy-sensitive call such as
 * choosing photos or files: shows WeChat's own prompt when the user has not agreed yet. Resolves
 * true when the call may go ahead. Typed as returning void in Taro: callbacks, not a promise.
 */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    } catch {
      // A base library without the privacy API enforces nothing: go ahead.
      resolve(true)
    }
  })
}
