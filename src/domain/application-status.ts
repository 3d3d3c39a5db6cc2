import type { Role } from './roles'

/** Every status an application can be in (DESIGN.md). */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'screening',
  'visiting',
  'verifying',
  'publicizing',
  'filed',
  'returned',
  'rejected',
  'withdrawn',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** What a worker reads for each status. */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  screening: '初审中',
  visiting: '入户调查',
  verifying: '民政核对',
  publicizing: '公示中',
  filed: '已建档',
  returned: '退回修改',
  rejected: '未通过',
  withdrawn: '已撤回',
}

/** What happens next, in plain words, for each status. */
export const STATUS_NEXT_STEP: Record<ApplicationStatus, string> = {
  draft: '填写完整后提交申请',
  submitted: '等待基层工会初审，一般在5个工作日内开始',
  screening: '基层工会正在审核您的材料',
  visiting: '工作人员将上门走访，请保持电话畅通',
  verifying: '正在进行家庭经济状况核对',
  publicizing: '正在公示，公示期满无异议后审批建档',
  filed: '已建档，工会将为您制定帮扶措施',
  returned: '请按提示修改后重新提交',
  rejected: '如有疑问，可联系所在工会',
  withdrawn: '申请已撤回，可重新申请',
}

/** A named transition, the statuses it starts from, where it leads and who may take it. */
export interface Transition {
  from: readonly ApplicationStatus[]
  to: ApplicationStatus
  roles: readonly Role[]
  /** Only the applicant themself may take it (in addition to holding the role). */
  ownerOnly?: boolean
}

export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', roles: ['worker'], ownerOnly: true },
  withdraw: { from: ['draft', 'submitted', 'screening', 'returned'], to: 'withdrawn', roles: ['worker'], ownerOnly: true },
  resubmit: { from: ['returned'], to: 'submitted', roles: ['worker'], ownerOnly: true },
  startScreening: { from: ['submitted'], to: 'screening', roles: ['caseworker'] },
  returnToWorker: { from: ['screening'], to: 'returned', roles: ['caseworker'] },
  acceptScreening: { from: ['screening'], to: 'visiting', roles: ['caseworker'] },
  recordVisit: { from: ['visiting'], to: 'verifying', roles: ['caseworker'] },
  /** Records the finance check's result; the case stays in 民政核对 until the notice starts. */
  recordFinanceCheck: { from: ['verifying'], to: 'verifying', roles: ['reviewer'] },
  startNotice: { from: ['verifying'], to: 'publicizing', roles: ['reviewer'] },
  /** An objection raised during the notice sends the case back to the reviewer's check. */
  recordObjection: { from: ['publicizing'], to: 'verifying', roles: ['reviewer'] },
  approveAndFile: { from: ['publicizing'], to: 'filed', roles: ['reviewer'] },
  rejectAtScreening: { from: ['screening', 'visiting'], to: 'rejected', roles: ['caseworker'] },
  rejectAtReview: { from: ['verifying', 'publicizing'], to: 'rejected', roles: ['reviewer'] },
} as const satisfies Record<string, Transition>

export type TransitionName = keyof typeof TRANSITIONS

/** Why `roles` may not take `name` from `status` (Chinese), or null when they may. */
export function transitionProblem(
  name: TransitionName,
  status: ApplicationStatus,
  who: { roles: readonly Role[]; isOwner: boolean },
): { code: 'FORBIDDEN' | 'CONFLICT'; message: string } | null {
  const t: Transition = TRANSITIONS[name]
  const allowedRole = t.roles.some((r) => who.roles.includes(r))
  if (!allowedRole || (t.ownerOnly && !who.isOwner)) {
    return { code: 'FORBIDDEN', message: '您没有权限进行此操作' }
  }
  if (!t.from.includes(status)) {
    return { code: 'CONFLICT', message: `申请当前状态为“${STATUS_LABELS[status]}”，不能进行此操作` }
  }
  return null
}

/** The status after `name`, or throws when the transition is not legal from `status`. */
export function nextStatus(name: TransitionName, status: ApplicationStatus): ApplicationStatus {
  const t: Transition = TRANSITIONS[name]
  if (!t.from.includes(status)) throw new Error(`illegal transition ${name} from ${status}`)
  return t.to
}

/** Statuses in which an application is still open (counts against one open application per worker). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'draft', 'submitted', 'screening', 'visiting', 'verifying', 'publicizing', 'returned',
]
