import type { CaseView } from '@/domain/api/review'
import type { Decider } from '../use-decision'

/** What every decision form gets: the case, the decider and a way back to the case. */
export interface DecisionFormProps {
  view: CaseView
  d: Decider
  onCancel: () => void
  /** Reads the case again (an upload changed its version) while the form stays open. */
  refresh: () => void
}
