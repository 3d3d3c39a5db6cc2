/** Every page's path, so pages link to each other by name rather than by string. */
export const ROUTES = {
  home: '/pages/home/index',
  applyForm: '/apply/form/index',
  selfCheck: '/apply/self-check/index',
  messages: '/pages/messages/index',
  myApplications: '/pages/my-applications/index',
  application: (id: string) => `/pages/application/index?id=${encodeURIComponent(id)}`,
  stations: '/pages/stations/index',
  /** A station; `distanceM` (from the finder) is shown when given. */
  station: (id: string, distanceM?: number) =>
    `/pages/station/index?id=${encodeURIComponent(id)}${distanceM === undefined ? '' : `&d=${Math.round(distanceM)}`}`,
  adminStations: '/admin/stations/index',
  adminStationEdit: (id?: string) => `/admin/station-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  adminImport: '/admin/import/index',
  adminReports: '/admin/reports/index',
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
