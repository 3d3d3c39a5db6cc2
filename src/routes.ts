/** Every page's path, so pages link to each other by name rather than by string. */
export const ROUTES = {
  home: '/pages/home/index',
  applyForm: '/apply/form/index',
  /** 代为申请: the form as a caseworker types an assisted application. */
  applyAssisted: (id: string) => `/apply/form/index?assisted=${encodeURIComponent(id)}`,
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
  adminUnits: (unitId?: string) => `/admin/units/index${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`,
  /** 邀请人员, the form set to the unit being viewed (`unitId`), the admin's own unit without one. */
  adminInvitations: (unitId?: string) => `/admin/invitations/index${unitId ? `?unitId=${encodeURIComponent(unitId)}` : ''}`,
  adminStaff: '/admin/staff/index',
  /** People's requests about their personal data (reviewers and admins). */
  adminRequests: '/admin/requests/index',
  /** The caseworker's queue; `stage` picks the tab. */
  reviewQueue: (stage?: string) => `/review/queue/index${stage ? `?stage=${encodeURIComponent(stage)}` : ''}`,
  reviewCase: (id: string) => `/review/case/index?id=${encodeURIComponent(id)}`,
  /** 电话联系: the calls waiting in the jurisdiction. */
  reviewCalls: '/review/calls/index',
  /** A staff member enters the one-time code an admin gave them. */
  redeem: '/review/redeem/index',
  /** 公示: cases under public notice. */
  notices: '/review/notices/index',
  /** 建档家庭: the filed households of the jurisdiction. */
  households: '/households/list/index',
  household: (id: string) => `/households/detail/index?id=${encodeURIComponent(id)}`,
  /** 资金审批: payments and reversals waiting for a second person. */
  pendingLedger: '/households/pending/index',
  /** 资金预算: budgets per unit, year and fund source. */
  budgets: '/households/budgets/index',
  /** 户户清: the yearly verification campaigns. */
  campaigns: '/households/campaigns/index',
  campaign: (id: string) => `/households/campaign/index?id=${encodeURIComponent(id)}`,
  check: (campaignId: string, householdId: string) =>
    `/households/check/index?campaignId=${encodeURIComponent(campaignId)}&householdId=${encodeURIComponent(householdId)}`,
  /** 工作统计: the dashboard (its own subpackage, for the chart library's weight). */
  dashboard: '/dashboard/index/index',
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
