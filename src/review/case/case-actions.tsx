import { Button } from '@tarojs/components'
import type { CaseAction } from '@/domain/api/review'
import ActionBar from '@/components/action-bar'

/** The button text of each decision. */
export const ACTION_LABELS: Record<CaseAction, string> = {
  startScreening: '开始初审',
  acceptScreening: '初审通过',
  returnToWorker: '退回修改',
  reject: '不予通过',
  recordVisit: '记录入户调查',
  recordFinanceCheck: '记录核对结果',
  startNotice: '开始公示',
  recordObjection: '登记异议',
  approveAndFile: '审批建档',
}

/** Decisions that turn a case back or stop it: outlined, before the one that moves it on. */
const SECONDARY: readonly CaseAction[] = ['returnToWorker', 'reject', 'recordObjection']

/** Props of the case's action bar. */
export interface CaseActionsProps {
  /** What the server says this person may do now; nothing else is offered. */
  actions: CaseAction[]
  busy: boolean
  onStart: (action: CaseAction) => void
}

/** The decisions open to this staff member now, in the bar at the bottom; none: no bar. */
export default function CaseActions({ actions, busy, onStart }: CaseActionsProps) {
  if (actions.length === 0) return null
  const ordered = [...actions.filter((a) => SECONDARY.includes(a)), ...actions.filter((a) => !SECONDARY.includes(a))]
  return (
    <ActionBar>
      {ordered.map((a) => {
        const primary = !SECONDARY.includes(a)
        const cls = `btn ${primary ? 'btn--primary' : a === 'reject' ? 'btn--danger' : 'btn--secondary'}${primary && busy ? ' btn--busy' : ''}`
        return (
          <Button key={a} className={cls} data-action={a} disabled={busy} onClick={() => onStart(a)}>
            {ACTION_LABELS[a]}
          </Button>
        )
      })}
    </ActionBar>
  )
}
