import type { HouseholdAction, HouseholdView } from '@/domain/api/households'
import type { Actor } from '../use-act'

/** Props every section of the household page takes. */
export interface FileSectionProps {
  view: HouseholdView
  act: Actor
  /** The form open on the page (one at a time), e.g. `addMeasure` or `reversePayment:<id>`. */
  active: string | null
  open: (key: string) => void
  close: () => void
}

/** Whether the caller may take `action` now (the page shows only these). */
export const may = (view: HouseholdView, action: HouseholdAction) => view.actions.includes(action)
