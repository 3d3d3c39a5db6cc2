import InfoRow from '@/components/info-row'
import type { FieldRow } from '@/domain/field-rows'
import RevealRow from '@/components/reveal-row'
import type { Revealer } from '@/components/reveal-row'

/** Props of a form field's row on the case page. */
export interface CaseFieldRowProps {
  row: FieldRow
  /** Whether this staff member may reveal sensitive values. */
  mayReveal: boolean
  revealer: Revealer
}

/** A field of the form: its value, or, for a revealable one, the masked value with "查看" for those who may. */
export default function CaseFieldRow({ row, mayReveal, revealer }: CaseFieldRowProps) {
  if (row.revealable) return <RevealRow label={row.label} field={row.path} masked={row.text} mayReveal={mayReveal} revealer={revealer} />
  return <InfoRow label={row.label} value={row.text} stacked={row.stacked} />
}
