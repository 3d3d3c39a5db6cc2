import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type * as v from 'valibot'
import type { ActionInput } from '@/domain/api'
import { householdsActions } from '@/domain/api/households'
import { problemsByField, validate } from '@/domain/validate'
import { api, call, newRequestId } from '@/api'
import { missing, useLoader } from '@/hooks/use-loader'
import type { SixItem } from '@/domain/review'
import type { KeptPhoto } from '@/offline/kept-forms'
import { keepItem, readKeptCheck, sendItem, sendKeptItems } from './kept-check'
import { orKeptCheck } from '../offline/check-pack'

/** Messages by field of a write that did not go through, or null when it did. */
export type WriteProblems = Record<string, string> | null

type Write = 'confirmItem' | 'setOutcome'

/** One item as answered: 无变化 (confirmed), 有变化 (confirmed, changed, a note and photos), or 未核实清楚 (a note). */
export interface ItemAnswer {
  confirmed: boolean
  changed: boolean
  note: string
  photos: KeptPhoto[]
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 3000 })

/**
 * Loads one household's check and writes items and the outcome. A write is checked with the
 * shared schema first; CONFLICT reloads the check (someone else recorded it first).
 */
export function useCheck(campaignId: string, householdId: string) {
  // Without signal, a household kept on the phone from the campaign's list is shown from there.
  const [state, reload, replace] = useLoader(async () =>
    campaignId && householdId ? orKeptCheck(await api.households.check({ campaignId, householdId }), campaignId, householdId) : missing('没有找到这项核查'),
  )
  const [busy, setBusy] = useState(false)
  const last = useRef<{ key: string; requestId: string } | null>(null)
  // Re-renders when the kept items change (they live in storage, not in state).
  const [keptAt, setKeptAt] = useState(0)

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

  /**
   * Confirms an item the offline way: kept on the phone first, with its evidence photos (有变化),
   * the record it was typed against and the time, then sent; without network it stays 未上传 and
   * goes when it returns.
   */
  const confirmItem = async (item: SixItem, answer: ItemAnswer): Promise<WriteProblems> => {
    if (busy) return {}
    const { confirmed, changed, note, photos } = answer
    // The photos on the phone stand for the ids they will have: the same rules, before anything is kept.
    const checked = validate(householdsActions.confirmItem.input as v.GenericSchema, { campaignId, householdId, item, confirmed, changed, note, evidenceIds: photos.map((p) => p.photoId ?? p.key) })
    if (!checked.ok) return problemsByField(checked.problems)
    const seenAt = state.kind === 'ready' ? (state.data.record?.items[item]?.at ?? null) : null
    const label = state.kind === 'ready' ? state.data.household.number : ''
    keepItem(campaignId, householdId, label, item, { confirmed, changed, note, photos, requestId: newRequestId(), capturedAt: new Date().toISOString(), seenAt })
    setBusy(true)
    const sent = await sendItem(campaignId, householdId, item)
    setBusy(false)
    setKeptAt(Date.now())
    if (sent.ok) {
      replace(sent.view)
      return null
    }
    toast(sent.message)
    // Kept 未上传: the row shows it so; refused or changed meanwhile: the form says why.
    if (sent.offline) return null
    if (!sent.field) void reload()
    return sent.field ? { [sent.field]: sent.message } : {}
  }

  /** Keeps an item being answered (its note and photos as they are entered), not sent until saved. */
  const keepDraft = (item: SixItem, answer: ItemAnswer) => {
    const label = state.kind === 'ready' ? state.data.household.number : ''
    const seenAt = state.kind === 'ready' ? (state.data.record?.items[item]?.at ?? null) : null
    keepItem(campaignId, householdId, label, item, { ...answer, requestId: newRequestId(), capturedAt: new Date().toISOString(), seenAt, editing: true })
  }

  /** Sends what is kept for this check (on show, and when the network returns). */
  const sendKept = async () => {
    const view = await sendKeptItems(campaignId, householdId)
    setKeptAt(Date.now())
    if (view) replace(view)
    // An item recorded by someone else meanwhile: their record is shown beside the kept one.
    else if (readKeptCheck(campaignId, householdId)?.state === 'conflict') void reload()
  }

  return { state, busy, reload, write, confirmItem, keepDraft, sendKept, kept: readKeptCheck(campaignId, householdId), keptAt }
}
