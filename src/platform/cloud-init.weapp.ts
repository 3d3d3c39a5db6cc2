import Taro from '@tarojs/taro'

/** Initialises `wx.cloud` once, with the environment id compiled in at build time (empty: the default env). */
export function initCloud(): void {
  if (!Taro.cloud) {
    console.error('wx.cloud is unavailable: the WeChat base library is too old for CloudBase')
    return
  }
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env } : {})
}
