import Taro from '@tarojs/taro'

/**
 * Calls `fn` each time the phone's network comes back (WeChat tells every change). A page shown
 * again is the page's own `useDidShow`. Returns the function that stops listening.
 */
export function onNetworkReturn(fn: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => {
    if (res.isConnected) fn()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}
