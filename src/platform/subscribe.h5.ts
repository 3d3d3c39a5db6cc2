/** A browser has no subscribe messages: the in-app messages are the notification. */
export const canSubscribe = false

export function askSubscribe(): Promise<string[]> {
  return Promise.resolve([])
}
