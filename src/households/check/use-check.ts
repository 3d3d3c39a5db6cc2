import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type * as v from 'valibot'
import type { ActionInput } from '@/domain/api'
import { householdsActions } from '@/domain/api/households'
import { problemsByField, validate } from '@/domain/validate'
import { api, call, newRequestId } from '@/api'
import { missing, useLoader } from '@/hooks/use-loader'

/** Messages by field of a write that did not go through, or null when it did. */
export type WriteProblems = Record<string, string> | null

type Write = 'confirmItem' | 'setOutcome'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * Loads one household's check and writes items and the outcome. A write is checked with the
 * shared schema first; CONFLICT reloads the check (someone else recorded it first).
 */
export function useCheck(campaignId: string, householdId: string) {
  const [state, reload, replace] = useLoader(() => (campaignId && householdId ? api.households.check({ campaignId, householdId }) : missing('没有找到这项核查')))
  const [busy, setBusy] = useState(false)
  const last = useRef<{ key: string; requestId: string } | null>(null)

  const write = async <A extends Write>(action: A, fields: Omit<ActionInput<'households', A>, 'campaignId' | 'householdId'>): Promise<WriteProblems> => {
    if (busy) return {}
    const input = { ...fields, campaignId, householdId } as ActionInput<'households', A>
    const checked = validate(householdsActions[action].input as v.GenericSchema, input)
    // The form shows these beside its fields, which are on screen: no toast.
    if (!checked.ok) return problemsByField(checked.problems)
    const key = `${action}:${JSON.stringify(input)}`
    if (last.current?.key !== key) last.current = { key, requestId: newRequestId() }
    setBusy(true)
    const reply = await call('households', action as Write, input, { requestId: last.current.requestId })
    setBusy(false)
    if (reply.ok) {
      last.current = null
      replace(reply.data)
      return null
    }
    toast(reply.error.message)
    if (reply.error.code === 'CONFLICT') void reload()
    return reply.error.field ? { [reply.error.field]: reply.error.message } : {}
  }

  return { state, busy, reload, write }
}
