import Field from '@/components/field'
import { OptionRow } from '@/components/option-list'

/** Props of a confirmation checkbox. */
export interface CheckRowProps {
  field: string
  label: string
  checked: boolean
  error?: string
  onChange: (checked: boolean) => void
}

/** A statement the staff member confirms by ticking it: the whole row is the target. */
export default function CheckRow({ field, label, checked, error, onChange }: CheckRowProps) {
  return (
    <Field field={field} error={error}>
      <OptionRow role='checkbox' label={label} on={checked} onTap={() => onChange(!checked)} data={{ 'data-field': field, 'data-checked': checked }} />
    </Field>
  )
}
