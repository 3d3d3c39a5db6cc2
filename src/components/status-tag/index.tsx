import { Text } from '@tarojs/components'
import { STATUS_LABELS, type ApplicationStatus } from '@/domain/application-status'
import './index.css'

const TONES: Record<ApplicationStatus, 'progress' | 'attention' | 'done' | 'closed'> = {
  draft: 'closed',
  submitted: 'progress',
  screening: 'progress',
  visiting: 'progress',
  verifying: 'progress',
  publicizing: 'progress',
  filed: 'done',
  returned: 'attention',
  rejected: 'closed',
  withdrawn: 'closed',
}

/** Props of a status tag. */
export interface StatusTagProps {
  status: ApplicationStatus
  /** Extra class, e.g. `app-status` on the detail page. */
  className?: string
}

/** The status label in a colour that says whether the worker needs to act. */
export default function StatusTag({ status, className }: StatusTagProps) {
  const classes = ['status-tag', `status-tag--${TONES[status]}`, className].filter(Boolean).join(' ')
  return (
    <Text className={classes} data-status={status}>
      {STATUS_LABELS[status]}
    </Text>
  )
}
