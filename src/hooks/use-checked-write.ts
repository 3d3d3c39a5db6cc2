import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type * as v from 'valibot'
import type { ApiReply } from '@/domain/contract'
import { problemsByField, validate } from '@/domain/validate'
import { newRequestId } from '@/api'

/** A write a form makes, and what it keeps for the form: busy, and messages by field. */
export interface CheckedWrite<A extends string, F> {
  busy: boolean
  /** Messages by input field (`amountFen`, `findings.household`, `verified.annualIncomeFen` ...). */
  errors: Record<string, string>
  /** Forgets a field's message (and its sub-fields') once the person changes it. */
  clear: (field: string) => void
  /** Shows a message beside a field without asking the server (a check only the form can make). */
  fail: (field: string, message: string) => void
  /** Forgets every message (another form opened). */
  reset: () => void
  submit: (action: A, fields: F) => Promise<boolean>
  /** A form field bound to the write: its name, its message, and a setter that forgets the message once the person changes it. */
  bind: <V>(field: string, set: (value: V) => void) => BoundField<V>
}

/** Props that bind a field component to a write (`onInput` for text, `onChange` for choices). */
export interface BoundField<V> {
  field: string
  error?: string
  onInput: (value: V) => void
  onChange: (value: V) => void
}

/** How the write is made and what the page does with its outcome. */
export interface CheckedWriteOptions<A extends string, F, I, O> {
  /** The shared contract's schema of the action. */
  schemaOf: (action: A) => v.GenericSchema
  /** The full input: the form's fields with what the page adds (the record's id, its version). */
  inputOf: (action: A, fields: F) => I
  send: (action: A, input: I, requestId: string) => Promise<ApiReply<O>>
  onDone: (result: O, action: A) => void
  /** Someone else changed the record first: show the message and reload. */
  onConflict: (message: string) => void
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * One write from a form: checked with the shared schema first, then sent with a request id that
 * stays the same while the input does, so a retried tap after a lost reply gets the first reply
 * instead of writing twice. VALIDATION lands beside its field; CONFLICT goes to the page.
 */
export function useCheckedWrite<A extends string, F, I, O>(opts: CheckedWriteOptions<A, F, I, O>): CheckedWrite<A, F> {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const last = useRef<{ key: string; requestId: string } | null>(null)

  const submit = async (action: A, fields: F): Promise<boolean> => {
    if (busy) return false
    const input = opts.inputOf(action, fields)
    const checked = validate(opts.schemaOf(action), input)
    if (!checked.ok) {
      setErrors(problemsByField(checked.problems))
      toast(checked.problems[0].message)
      return false
    }
    const key = `${action}:${JSON.stringify(input)}`
    if (last.current?.key !== key) last.current = { key, requestId: newRequestId() }
    setBusy(true)
    const reply = await opts.send(action, input, last.current.requestId)
    setBusy(false)
    if (reply.ok) {
      setErrors({})
      last.current = null
      opts.onDone(reply.data, action)
      return true
    }
    const { code, message, field } = reply.error
    if (code === 'CONFLICT') {
      setErrors({})
      opts.onConflict(message)
    } else {
      if (code === 'VALIDATION' && field) setErrors({ [field]: message })
      toast(message)
    }
    return false
  }

  const owns = (key: string, field: string) => key === field || key.startsWith(`${field}.`)
  const clear = (field: string) => {
    if (!Object.keys(errors).some((k) => owns(k, field))) return
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !owns(k, field))))
  }
  const fail = (field: string, message: string) => {
    setErrors((prev) => ({ ...prev, [field]: message }))
    toast(message)
  }
  const bind = <V>(field: string, set: (value: V) => void): BoundField<V> => {
    const change = (value: V) => {
      set(value)
      clear(field)
    }
    return { field, error: errors[field], onInput: change, onChange: change }
  }
  return { busy, errors, clear, fail, reset: () => setErrors({}), submit, bind }
}
