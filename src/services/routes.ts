/** Every page's path, so pages link to each other by name rather than by string. */
export const ROUTES = {
  home: '/pages/home/index',
  applyForm: '/apply/form/index',
  selfCheck: '/apply/self-check/index',
  messages: '/pages/messages/index',
  myApplications: '/pages/my-applications/index',
  application: (id: string) => `/pages/application/index?id=${encodeURIComponent(id)}`,
} as const

/** A page parameter as the user sent it (WeChat hands them over still encoded, H5 decoded). */
export function readParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
