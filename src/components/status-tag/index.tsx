import { STATUS_LABELS, type ApplicationStatus } from '@/domain/application-status'
import Tag, { type TagTone } from '../tag'

const TONES: Record<ApplicationStatus, TagTone> = {
  draft: 'muted',
  submitted: 'info',
  screening: 'info',
  visiting: 'info',
  verifying: 'info',
  publicizing: 'info',
  filed: 'done',
  returned: 'pending',
  rejected: 'muted',
  withdrawn: 'muted',
}

/** Props of a status tag. */
export interface StatusTagProps {
  status: ApplicationStatus
  /** Extra class, e.g. `app-status` on the detail page. */
  className?: string
}

/** The status label in a colour that says whether the worker needs to act. */
export default function StatusTag({ status, className }: StatusTagProps) {
  return (
    <Tag tone={TONES[status]} large className={className} data={{ 'data-status': status }}>
      {STATUS_LABELS[status]}
    </Tag>
  )
}
