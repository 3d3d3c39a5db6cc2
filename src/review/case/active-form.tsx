import type { CaseAction } from '@/domain/api/review'
import AcceptForm from './forms/accept-form'
import ApproveForm from './forms/approve-form'
import FinanceForm from './forms/finance-form'
import ObjectionForm from './forms/objection-form'
import RejectForm from './forms/reject-form'
import ReturnForm from './forms/return-form'
import type { DecisionFormProps } from './forms/types'
import VisitForm from './forms/visit-form'
import './forms/forms.css'

/** The form of a decision that needs one (the others are taken with a tap or a confirmation). */
export default function ActiveForm({ action, ...props }: DecisionFormProps & { action: CaseAction }) {
  switch (action) {
    case 'acceptScreening':
      return <AcceptForm {...props} />
    case 'returnToWorker':
      return <ReturnForm {...props} />
    case 'reject':
      return <RejectForm {...props} />
    case 'recordVisit':
      return <VisitForm {...props} />
    case 'recordFinanceCheck':
      return <FinanceForm {...props} />
    case 'recordObjection':
      return <ObjectionForm {...props} />
    case 'approveAndFile':
      return <ApproveForm {...props} />
    default:
      return null
  }
}
