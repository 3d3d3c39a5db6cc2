import type { CheckView } from '@/domain/api/households'
import type { SixItem } from '@/domain/review'
import { api } from '@/api'
import { NETWORK_FAILURE } from '@/api/reply'
import { readKept, removeKept, writeKept, type KeptForm } from '@/offline/kept-forms'

/** One item as typed on the phone, with what it was typed against. */
export interface KeptItem {
  confirmed: boolean
  note: string
  /** Sent with it every time, so a retried item is recorded once. */
  requestId: string
  capturedAt: string
  /** When the item was last recorded as the phone saw it (null: not yet). */
  seenAt: string | null
  /** Recorded meanwhile by someone else: shown, not sent. */
  conflict?: string
}

export type KeptCheck = KeptForm<{ items: Partial<Record<SixItem, KeptItem>> }>

const NETWORK_MESSAGE = NETWORK_FAILURE.ok ? '' : NETWORK_FAILURE.error.message
const idOf = (campaignId: string, householdId: string) => `${campaignId}:${householdId}`

export const readKeptCheck = (campaignId: string, householdId: string) => readKept<KeptCheck['fields']>('check', idOf(campaignId, householdId))

/** Keeps an item on the phone (written at once: a closed app keeps it), 未上传 until sent. */
export function keepItem(campaignId: string, householdId: string, label: string, item: SixItem, kept: KeptItem): void {
  const id = idOf(campaignId, householdId)
  const now = new Date().toISOString()
  const form: KeptCheck = readKeptCheck(campaignId, householdId) ?? {
    kind: 'check', id, label, fields: { items: {} }, photos: [], base: { version: 0, marker: '' }, requestId: kept.requestId, capturedAt: now, changedAt: now, state: 'waiting',
  }
  writeKept({ ...form, fields: { items: { ...form.fields.items, [item]: kept } }, changedAt: now })
}

function dropItem(campaignId: string, householdId: string, item: SixItem, conflict?: string): void {
  const form = readKeptCheck(campaignId, householdId)
  if (!form) return
  const items = { ...form.fields.items }
  if (conflict) items[item] = { ...items[item]!, conflict }
  else delete items[item]
  if (Object.keys(items).length === 0) removeKept('check', form.id)
  else writeKept({ ...form, fields: { items }, state: Object.values(items).some((i) => i?.conflict) ? 'conflict' : 'waiting' })
}

/** Forgets a kept item the caseworker gives up (after a conflict). */
export const forgetItem = (campaignId: string, householdId: string, item: SixItem) => dropItem(campaignId, householdId, item)

export type ItemSent = { ok: true; view: CheckView } | { ok: false; offline: boolean; message: string; field?: string }

/**
 * Sends one kept item with its request id, the time it was captured and the record it was typed
 * against: recorded, it leaves the phone; refused as changed meanwhile, it stays, marked; without
 * network it stays 未上传.
 */
export async function sendItem(campaignId: string, householdId: string, item: SixItem): Promise<ItemSent> {
  const kept = readKeptCheck(campaignId, householdId)?.fields.items[item]
  if (!kept || kept.conflict) return { ok: false, offline: false, message: kept?.conflict ?? '' }
  const reply = await api.households.confirmItem(
    { campaignId, householdId, item, confirmed: kept.confirmed, note: kept.note, evidenceIds: [], capturedAt: kept.capturedAt, seenAt: kept.seenAt },
    { requestId: kept.requestId },
  )
  if (reply.ok) {
    dropItem(campaignId, householdId, item)
    return { ok: true, view: reply.data }
  }
  if (reply.error.message === NETWORK_MESSAGE) return { ok: false, offline: true, message: '网络不通，已保存在手机上（未上传），联网后会自动上传' }
  if (reply.error.code === 'CONFLICT') dropItem(campaignId, householdId, item, reply.error.message)
  else dropItem(campaignId, householdId, item)
  return { ok: false, offline: false, message: reply.error.message, ...(reply.error.field ? { field: reply.error.field } : {}) }
}

/** The sends under way, by check: the page's show and the network's return may ask at once. */
const sending = new Map<string, Promise<CheckView | null>>()

/** Sends every kept item of the check that is not in conflict (one send per check at a time); the last view the server gave, if any. */
export function sendKeptItems(campaignId: string, householdId: string): Promise<CheckView | null> {
  const id = idOf(campaignId, householdId)
  const running = sending.get(id)
  if (running) return running
  const send = sendEach(campaignId, householdId).finally(() => sending.delete(id))
  sending.set(id, send)
  return send
}

async function sendEach(campaignId: string, householdId: string): Promise<CheckView | null> {
  let view: CheckView | null = null
  for (const item of Object.keys(readKeptCheck(campaignId, householdId)?.fields.items ?? {}) as SixItem[]) {
    const sent = await sendItem(campaignId, householdId, item)
    if (sent.ok) view = sent.view
    else if (sent.offline) break
  }
  return view
}
