import Taro from '@tarojs/taro'

/**
 * Field forms kept on the phone (入户调查 of a case, the 户户清 check of a household) so that a
 * dropped signal, or a closed app, loses nothing: written to storage at every change, marked
 * 未上传 until the server has them, sent with the request ids they were captured with.
 */

/** A photo taken for a kept form: its saved local file until uploaded, then the server's id. */
export interface KeptPhoto {
  key: string
  name: string
  size: number
  /** The saved local file (WeChat), for uploading later. */
  path?: string
  /** Sent with it every time, so a retried upload is recorded once. */
  requestId: string
  /** The server's photo id, once uploaded. */
  photoId?: string
}

export type KeptState = 'editing' | 'waiting' | 'conflict'

export interface KeptForm<F> {
  kind: 'visit' | 'check'
  /** The case's id (visit), or `<campaignId>:<householdId>` (check). */
  id: string
  /** What the lists show: the case's number, the household's. */
  label: string
  fields: F
  photos: KeptPhoto[]
  /** What the record was filled against: a change of it meanwhile is shown, never overwritten. */
  base: { version: number; marker: string }
  /** The request id of the record itself, fixed when first captured. */
  requestId: string
  /** ISO-8601 UTC: when it was first filled in on the phone. */
  capturedAt: string
  changedAt: string
  /** editing: not yet saved by the caseworker; waiting: saved, 未上传; conflict: the case changed meanwhile. */
  state: KeptState
  conflict?: string
}

const PREFIX = 'lantian.kept.v1'
const INDEX = `${PREFIX}.index`
const keyOf = (kind: string, id: string) => `${PREFIX}.${kind}.${id}`

function readIndex(): string[] {
  try {
    const v = Taro.getStorageSync(INDEX) as string[] | ''
    return Array.isArray(v) ? v : []
  } catch {
    return []
  }
}

export function readKept<F>(kind: KeptForm<F>['kind'], id: string): KeptForm<F> | null {
  try {
    const v = Taro.getStorageSync(keyOf(kind, id)) as KeptForm<F> | ''
    return v && typeof v === 'object' ? v : null
  } catch {
    return null
  }
}

/** Writes it at once (synchronously: a closed app keeps what was typed). False when storage is full. */
export function writeKept<F>(form: KeptForm<F>): boolean {
  try {
    Taro.setStorageSync(keyOf(form.kind, form.id), form)
    const entry = `${form.kind}:${form.id}`
    const index = readIndex()
    if (!index.includes(entry)) Taro.setStorageSync(INDEX, [...index, entry])
    return true
  } catch {
    return false
  }
}

export function removeKept(kind: KeptForm<unknown>['kind'], id: string): void {
  try {
    Taro.removeStorageSync(keyOf(kind, id))
    Taro.setStorageSync(INDEX, readIndex().filter((e) => e !== `${kind}:${id}`))
  } catch {
    // Nothing kept.
  }
}

/** Every kept form of a kind, e.g. for sending them all when the network returns. */
export function listKept<F>(kind: KeptForm<F>['kind']): KeptForm<F>[] {
  return readIndex()
    .filter((e) => e.startsWith(`${kind}:`))
    .map((e) => readKept<F>(kind, e.slice(kind.length + 1)))
    .filter((f): f is KeptForm<F> => f !== null)
}
