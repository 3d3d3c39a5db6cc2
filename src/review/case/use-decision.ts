import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type * as v from 'valibot'
import { reviewActions, type CaseAction, type CaseView } from '@/domain/api/review'
import { problemsByField, validate } from '@/domain/validate'
import { newRequestId } from '@/services/client'
import { decide, type DecisionInput } from '@/services/review'

/** What the staff member fills in for a decision: everything but the case and its version. */
export type DecisionFields<A extends CaseAction> = Omit<DecisionInput<A>, 'id' | 'expectedVersion'>

/** Takes decisions on one case and keeps what a form shows: busy, and messages by field. */
export interface Decider {
  busy: boolean
  /** Messages by input field (`reason`, `findings.household`, `verified.annualIncomeFen`). */
  errors: Record<string, string>
  /** Forgets a field's message once the staff member changes it. */
  clear: (field: string) => void
  /** Shows a message beside a field without asking the server (a check only the form can make). */
  fail: (field: string, message: string) => void
  submit: <A extends CaseAction>(action: A, fields: DecisionFields<A>) => Promise<boolean>
}

/** What the page does with a decision's outcome. */
export interface DecisionHandlers {
  /** The decision was taken: the case as it is now. */
  onDecided: (view: CaseView, action: CaseAction) => void
  /** Someone else changed the case first: reload it. */
  onConflict: (message: string) => void
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * Every decision sends the version the case was read at, is checked with the shared schema
 * first, and carries a request id that stays the same while the input does (a retried tap after a
 * lost reply is answered with the first reply instead of deciding twice).
 */
export function useDecision(view: CaseView, handlers: DecisionHandlers): Decider {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const last = useRef<{ key: string; requestId: string } | null>(null)

  const submit = async <A extends CaseAction>(action: A, fields: DecisionFields<A>): Promise<boolean> => {
    if (busy) return false
    const input = { ...fields, id: view.application.id, expectedVersion: view.application.version } as DecisionInput<A>
    const checked = validate(reviewActions[action] as v.GenericSchema, input)
    if (!checked.ok) {
      setErrors(problemsByField(checked.problems))
      toast(checked.problems[0].message)
      return false
    }
    const key = `${action}:${JSON.stringify(input)}`
    if (last.current?.key !== key) last.current = { key, requestId: newRequestId() }
    setBusy(true)
    const reply = await decide(action, input, last.current.requestId)
    setBusy(false)
    if (reply.ok) {
      setErrors({})
      last.current = null
      handlers.onDecided(reply.data, action)
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
    if (!Object.keys(errors).some((k) => k === field || k.startsWith(`${field}.`))) return
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== field && !k.startsWith(`${field}.`))))
  }

  const fail = (field: string, message: string) => {
    setErrors((prev) => ({ ...prev, [field]: message }))
    toast(message)
  }

  return { busy, errors, clear, fail, submit }
}
