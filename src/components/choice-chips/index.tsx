import { View } from '@tarojs/components'
import Chip from '../chip'
import Field from '../field'
import { containerRole } from '../pressable'

/** A coded option: what is stored, and what is shown. */
export interface ChoiceOption {
  code: string
  label: string
}

/** Props shared by a single and a multiple choice. */
interface CommonProps {
  /** The field path: `data-field` on the group, and the id the page scrolls to. */
  field: string
  label: string
  options: readonly ChoiceOption[]
  error?: string
  marked?: boolean
  hint?: string
}

/** One of the options. */
export interface SingleChoiceProps extends CommonProps {
  multiple?: false
  /** The chosen code, '' for none. */
  value: string
  onChange: (code: string) => void
}

/** Several of the options, at most `max`. */
export interface MultipleChoiceProps extends CommonProps {
  multiple: true
  value: readonly string[]
  max?: number
  onChange: (codes: string[]) => void
}

/** Either, decided at run time (a form bound to its fields by path). */
export interface AnyChoiceProps extends CommonProps {
  multiple?: boolean
  value: string | readonly string[]
  max?: number
  onChange: (value: string | string[]) => void
}

export type ChoiceChipsProps = SingleChoiceProps | MultipleChoiceProps | AnyChoiceProps

/**
 * Big tappable options instead of a scrolling picker: every choice is visible, each is a touch
 * target of at least 44 px, and one tap decides.
 */
export default function ChoiceChips(props: SingleChoiceProps): JSX.Element
export default function ChoiceChips(props: MultipleChoiceProps): JSX.Element
export default function ChoiceChips(props: AnyChoiceProps): JSX.Element
export default function ChoiceChips(props: ChoiceChipsProps): JSX.Element {
  const { field, label, options, error, marked, hint, multiple } = props
  const onChange = props.onChange as (value: string | string[]) => void
  const chosen: readonly string[] = Array.isArray(props.value) ? props.value : props.value ? [props.value as string] : []
  const tap = (code: string) => {
    if (!multiple) return onChange(code)
    if (chosen.includes(code)) return onChange(chosen.filter((c) => c !== code))
    if (chosen.length < ((props as AnyChoiceProps).max ?? 99)) onChange([...chosen, code])
  }
  return (
    <Field field={field} label={label} hint={hint} error={error} marked={marked}>
      <View className='chip-row' data-field={field} {...containerRole(multiple ? 'group' : 'radiogroup', label)}>
        {options.map((o) => (
          <Chip key={o.code} large label={o.label} role={multiple ? 'checkbox' : 'radio'} on={chosen.includes(o.code)} onTap={() => tap(o.code)} data={{ 'data-value': o.code }} />
        ))}
      </View>
    </Field>
  )
}
