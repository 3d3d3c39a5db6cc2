import type { HouseholdView } from '@/domain/api/households'
import type { Actor } from '../use-act'

/** Props every form of the household page takes. */
export interface HouseholdFormProps {
  view: HouseholdView
  act: Actor
  onCancel: () => void
}
