/**
 * Calls `fn` each time the browser's network comes back (its `online` event; Taro's
 * onNetworkStatusChange listens only to `navigator.connection`, which a dropped and restored
 * signal need not change), and when the tab shows again with a network (a phone's browser put
 * aside while out of signal). Returns the function that stops listening.
 */
export function onNetworkReturn(fn: () => void): () => void {
  const online = () => fn()
  const shown = () => {
    if (document.visibilityState === 'visible' && navigator.onLine) fn()
  }
  window.addEventListener('online', online)
  document.addEventListener('visibilitychange', shown)
  return () => {
    window.removeEventListener('online', online)
    document.removeEventListener('visibilitychange', shown)
  }
}
