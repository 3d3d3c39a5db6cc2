import Taro from '@tarojs/taro'

/** WeChat's standard font size (我-设置-通用-字体大小), in px; anything above it is an enlarged setting. */
const STANDARD_FONT_PX = 17

/** The font size the person set in WeChat, or undefined where the base library does not tell. */
function fontSizeSetting(): number | undefined {
  try {
    // getAppBaseInfo since base library 2.20.1; getSystemInfoSync (deprecated) before it.
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()
    const px = (info as { fontSizeSetting?: number }).fontSizeSetting
    return typeof px === 'number' && px > 0 ? px : undefined
  } catch {
    return undefined
  }
}

/** Whether the person enlarged WeChat's font size: the large-text mode then starts on by itself. */
export function systemTextEnlarged(): boolean {
  const px = fontSizeSetting()
  return px !== undefined && px > STANDARD_FONT_PX
}
