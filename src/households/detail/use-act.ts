import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type * as v from 'valibot'
import { householdsActions, type HouseholdAction, type HouseholdView } from '@/domain/api/households'
import { problemsByField, validate } from '@/domain/validate'
import { newRequestId } from '@/services/client'
import { changeHousehold, type HouseholdWriteInput } from '@/services/households'

/** What a form fills in: everything but the household's id, which the page adds. */
export type ActFields<A extends HouseholdAction> = Omit<HouseholdWriteInput<A>, 'householdId'>

/** Changes one household file and keeps what a form shows: busy, and messages by field. */
export interface Actor {
  busy: boolean
  /** Messages by input field (`amountFen`, `approvedBy`, `note` ...). */
  errors: Record<string, string>
  /** Forgets a field's message once the staff member changes it. */
  clear: (field: string) => void
  /** Shows a message beside a field without asking the server (a check only the form can make). */
  fail: (field: string, message: string) => void
  /** Forgets every message (another form opened). */
  reset: () => void
  submit: <A extends HouseholdAction>(action: A, fields: ActFields<A>) => Promise<boolean>
}

/** What the page does with a change's outcome. */
export interface ActHandlers {
  onDone: (view: HouseholdView, action: HouseholdAction) => void
  /** Someone else changed the file first: show the message and reload. */
  onConflict: (message: string) => void
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * Every change is checked with the shared schema first and carries a request id that stays the
 * same while the input does: a retried tap after a lost reply gets the first reply instead of
 * recording a payment twice.
 */
export function useAct(householdId: string, handlers: ActHandlers): Actor {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const last = useRef<{ key: string; requestId: string } | null>(null)

  const submit = async <A extends HouseholdAction>(action: A, fields: ActFields<A>): Promise<boolean> => {
    if (busy) return false
    const input = { ...fields, householdId } as HouseholdWriteInput<A>
    const checked = validate(householdsActions[action] as v.GenericSchema, input)
    if (!checked.ok) {
      setErrors(problemsByField(checked.problems))
      toast(checked.problems[0].message)
      return false
    }
    const key = `${action}:${JSON.stringify(input)}`
    if (last.current?.key !== key) last.current = { key, requestId: newRequestId() }
    setBusy(true)
    const reply = await changeHousehold(action, input, last.current.requestId)
    setBusy(false)
    if (reply.ok) {
      setErrors({})
      last.current = null
      handlers.onDone(reply.data, action)
      return true
    }
    const { code, message, field } = reply.error
    if (code === 'CONFLICT') {
      setErrors({})
      handlers.onConflict(message)
    } else if (code === 'VALIDATION' && field) {
      setErrors({ [field]: message })
      toast(message)
    } else {
      toast(message)
    }
    return false
  }

  const clear = (field: string) => {
    if (!(field in errors)) return
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== field)))
  }
  const fail = (field: string, message: string) => {
    setErrors((prev) => ({ ...prev, [field]: message }))
    toast(message)
  }
  const reset = () => setErrors({})

  return { busy, errors, clear, fail, reset, submit }
}
