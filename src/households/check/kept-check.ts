import type { CheckView } from '@/domain/api/households'
import type { SixItem } from '@/domain/review'
import { api } from '@/api'
import { listKept, readKept, removeKept, writeKept, type KeptForm, type KeptPhoto } from '@/offline/kept-forms'
import { forgetPhotos, NETWORK_MESSAGE, sendPhotos } from '@/offline/kept-photos'
import { uploadEvidence } from '@/platform/upload'

/** One item as typed on the phone, with what it was typed against. */
export interface KeptItem {
  confirmed: boolean
  /** 有变化: sent with its photos as evidence. */
  changed?: boolean
  note: string
  /** The evidence photos taken for it (有变化), each uploaded with its own request id before the item is sent. */
  photos?: KeptPhoto[]
  /** Sent with it every time, so a retried item is recorded once. */
  requestId: string
  capturedAt: string
  /** When the item was last recorded as the phone saw it (null: not yet). */
  seenAt: string | null
  /** Recorded meanwhile by someone else: shown, not sent. */
  conflict?: string
  /** Still being answered (有变化 or 未核实清楚 before 保存): kept so a closed app loses nothing, not sent. */
  editing?: boolean
}

export type KeptCheck = KeptForm<{ items: Partial<Record<SixItem, KeptItem>> }>

const idOf = (campaignId: string, householdId: string) => `${campaignId}:${householdId}`

export const readKeptCheck = (campaignId: string, householdId: string) => readKept<KeptCheck['fields']>('check', idOf(campaignId, householdId))

/** Writes one kept item's photos as they are now (after each upload: the phone knows what the server has). */
function keepPhotosOf(campaignId: string, householdId: string, item: SixItem, photos: KeptPhoto[]): void {
  const form = readKeptCheck(campaignId, householdId)
  const kept = form?.fields.items[item]
  if (!form || !kept) return
  writeKept({ ...form, fields: { items: { ...form.fields.items, [item]: { ...kept, photos } } } })
}

/** Keeps an item on the phone (written at once: a closed app keeps it), 未上传 until sent. */
export function keepItem(campaignId: string, householdId: string, label: string, item: SixItem, kept: KeptItem): void {
  const id = idOf(campaignId, householdId)
  const now = new Date().toISOString()
  const form: KeptCheck = readKeptCheck(campaignId, householdId) ?? {
    kind: 'check', id, label, fields: { items: {} }, photos: [], base: { version: 0, marker: '' }, requestId: kept.requestId, capturedAt: now, changedAt: now, state: 'waiting',
  }
  writeKept({ ...form, fields: { items: { ...form.fields.items, [item]: kept } }, changedAt: now, state: kept.editing ? 'editing' : form.state === 'editing' ? 'waiting' : form.state })
}

function dropItem(campaignId: string, householdId: string, item: SixItem, conflict?: string): void {
  const form = readKeptCheck(campaignId, householdId)
  if (!form) return
  const items = { ...form.fields.items }
  if (conflict) items[item] = { ...items[item]!, conflict }
  else {
    void forgetPhotos(items[item]?.photos ?? [])
    delete items[item]
  }
  if (Object.keys(items).length === 0) removeKept('check', form.id)
  else writeKept({ ...form, fields: { items }, state: Object.values(items).some((i) => i?.conflict) ? 'conflict' : 'waiting' })
}

/** Forgets a kept item the caseworker gives up (after a conflict). */
export const forgetItem = (campaignId: string, householdId: string, item: SixItem) => dropItem(campaignId, householdId, item)

export type ItemSent = { ok: true; view: CheckView } | { ok: false; offline: boolean; message: string; field?: string }

const OFFLINE: ItemSent = { ok: false, offline: true, message: '网络不通，已保存在手机上（未上传），联网后会自动上传' }

/**
 * Sends one kept item: its evidence photos first (each with its own request id, the kept copy
 * written after each), then the item with its request id, the time it was captured and the record
 * it was typed against: recorded, it leaves the phone; refused as changed meanwhile, it stays,
 * marked; without network it stays 未上传.
 */
export async function sendItem(campaignId: string, householdId: string, item: SixItem): Promise<ItemSent> {
  const kept = readKeptCheck(campaignId, householdId)?.fields.items[item]
  if (!kept || kept.conflict || kept.editing) return { ok: false, offline: false, message: kept?.conflict ?? '' }
  const photos = await sendPhotos(
    kept.photos ?? [],
    (file, requestId) => uploadEvidence({ purpose: 'evidence', householdId, requestId }, file, () => {}),
    (now) => keepPhotosOf(campaignId, householdId, item, now),
  )
  if (!photos.ok) {
    if (photos.reply.error.message === NETWORK_MESSAGE) return OFFLINE
    // A photo refused (not a picture, too large): the item waits on the phone for the caseworker to replace it.
    return { ok: false, offline: true, message: photos.reply.error.message }
  }
  const evidenceIds = photos.photos.flatMap((p) => (p.photoId ? [p.photoId] : []))
  const reply = await api.households.confirmItem(
    { campaignId, householdId, item, confirmed: kept.confirmed, changed: kept.changed === true, note: kept.note, evidenceIds, capturedAt: kept.capturedAt, seenAt: kept.seenAt },
    { requestId: kept.requestId },
  )
  if (reply.ok) {
    dropItem(campaignId, householdId, item)
    return { ok: true, view: reply.data }
  }
  if (reply.error.message === NETWORK_MESSAGE) return OFFLINE
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
  const items = readKeptCheck(campaignId, householdId)?.fields.items ?? {}
  for (const item of (Object.keys(items) as SixItem[]).filter((i) => !items[i]?.editing && !items[i]?.conflict)) {
    const sent = await sendItem(campaignId, householdId, item)
    if (sent.ok) view = sent.view
    else if (sent.offline) break
  }
  return view
}

/**
 * Sends the kept items of every check on the phone (of one campaign, or all), each check through
 * the same one-at-a-time guard as its page; how many checks still hold items after (未上传 or
 * changed meanwhile). Without network each check costs one failed request.
 */
export async function sendAllKeptChecks(campaignId?: string): Promise<number> {
  const mine = (c: KeptCheck) => campaignId === undefined || c.id.startsWith(`${campaignId}:`)
  for (const c of listKept<KeptCheck['fields']>('check').filter(mine)) {
    const cut = c.id.indexOf(':')
    const items = Object.values(c.fields.items)
    if (!items.some((i) => i && !i.editing && !i.conflict)) continue
    await sendKeptItems(c.id.slice(0, cut), c.id.slice(cut + 1))
  }
  return listKept<KeptCheck['fields']>('check').filter(mine).length
}

/** How many checks (of one campaign, or all) hold items on the phone. */
export const countKeptChecks = (campaignId?: string) => listKept('check').filter((c) => campaignId === undefined || c.id.startsWith(`${campaignId}:`)).length
