/** In the browser there is no WeChat privacy prompt: the consent step of the form is what the worker agrees to. */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  return Promise.resolve(true)
}
