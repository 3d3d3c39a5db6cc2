import FormFrame, { type FormFrameProps } from '@/components/form-frame'
import type { DecisionFormProps } from './types'

/** Props of a decision's frame: the form's own words, and the decision form's props it takes busy and 取消 from. */
export type DecisionFrameProps = Omit<FormFrameProps, 'busy' | 'onCancel' | 'pinned'> & { p: Pick<DecisionFormProps, 'd' | 'onCancel'> }

/** A decision's form on the case page: its buttons in the pinned bar, busy while the decision is sent. */
export default function DecisionFrame({ p, ...frame }: DecisionFrameProps) {
  return <FormFrame pinned busy={p.d.busy} onCancel={p.onCancel} {...frame} />
}
