import type { CaseView } from '@/domain/api/review'
import type { ApplicationStatus } from '@/domain/application-status'
import type { SixItem } from '@/domain/review'
import { api, newRequestId } from '@/api'
import { listKept, readKept, removeKept, writeKept, type KeptForm } from '@/offline/kept-forms'
import { forgetPhotos, NETWORK_MESSAGE, sendPhotos } from '@/offline/kept-photos'
import { upload } from '@/platform/upload'

/** The home visit's fields as typed. */
export interface VisitFields {
  date: string
  staff: string[]
  place: string
  findings: Record<SixItem, string>
  authorized: boolean
}

/** A kept visit; `sentVersion`: the case version the record was first sent at (its reply may have been lost). */
export type KeptVisit = KeptForm<VisitFields> & { sentVersion?: number }

/**
 * What a visit is filled against: the case as the page has it (a `CaseView`), or as it was kept
 * on the phone for visits without signal (its review records counted, not kept).
 */
export interface VisitSubject {
  application: { id: string; number: string; version: number; status: ApplicationStatus }
  review: { length: number }
}

/** What the case looked like for the visit: its status and how many review records it had. */
export const markerOf = (view: VisitSubject) => `${view.application.status}:${view.review.length}`

export const readKeptVisit = (caseId: string) => readKept<VisitFields>('visit', caseId)

/** A new kept visit for the case as it is now. */
export function startKeptVisit(view: VisitSubject, fields: VisitFields, now: string): KeptVisit {
  return {
    kind: 'visit', id: view.application.id, label: view.application.number, fields, photos: [],
    base: { version: view.application.version, marker: markerOf(view) }, requestId: newRequestId(), capturedAt: now, changedAt: now, state: 'editing',
  }
}

/** Writes the kept visit at once. */
const keep = (v: KeptVisit) => writeKept(v)
export const saveKeptVisit = keep

/** Gives up a kept visit: the record and its photos leave the phone. */
export async function discardKeptVisit(caseId: string): Promise<void> {
  const kept = readKeptVisit(caseId)
  removeKept('visit', caseId)
  await forgetPhotos(kept?.photos ?? [])
}

/** Marks the kept visit as made on a case that changed meanwhile; it stays on the phone. */
function conflictOf(v: KeptVisit, stillVisiting: boolean): SendResult {
  const conflict = stillVisiting ? '您离线期间，案件有了新的记录' : '您离线期间，案件已进入其他环节'
  keep({ ...v, state: 'conflict', conflict, sentVersion: undefined })
  return { sent: false, reason: 'conflict', message: conflict }
}

/** What sending ended in. */
export type SendResult = { sent: true; view: CaseView } | { sent: false; reason: 'offline' | 'conflict' | 'refused' | 'gone'; message: string; field?: string }

/** The sends under way, by case. */
const sending = new Map<string, Promise<SendResult>>()

/** Nothing left to send: an earlier send took it (or it was given up). */
const GONE: SendResult = { sent: false, reason: 'gone', message: '' }

const OFFLINE: SendResult = { sent: false, reason: 'offline', message: '网络不通，记录已保存在手机上（未上传），联网后会自动上传' }

/**
 * Sends a kept visit: each photo not yet on the server (with its own request id, so one sent
 * before a lost reply is not recorded twice), then the record with its request id and the time it
 * was captured. A case that changed meanwhile (another decision or record since the visit began)
 * is not written over: the visit stays on the phone, marked, for the caseworker to look at. The
 * kept copy is written after every step, so a cut in the middle loses nothing.
 */
export function sendKeptVisit(kept: KeptVisit, opts: { overrideConflict?: boolean } = {}): Promise<SendResult> {
  // One send per case at a time: the queue, the case page and the network's return may all ask at once.
  const running = sending.get(kept.id)
  if (running) return running
  // What the phone holds now, not what the caller read before: a send that ended meanwhile
  // (the network's return and the page's show, one after the other) has cleared or marked it.
  // (A form saved at once before any change has not written it yet: its own copy goes.)
  const now = readKeptVisit(kept.id) ?? (kept.state === 'editing' ? kept : null)
  if (!now) return Promise.resolve(GONE)
  if (now.state === 'conflict' && !opts.overrideConflict) return Promise.resolve({ sent: false, reason: 'conflict', message: now.conflict ?? '' })
  const send = sendOnce(now, opts).finally(() => sending.delete(kept.id))
  sending.set(kept.id, send)
  return send
}

async function sendOnce(kept: KeptVisit, opts: { overrideConflict?: boolean }): Promise<SendResult> {
  let v: KeptVisit = { ...kept, state: 'waiting' }
  keep(v)
  // The case as it is now, before anything is sent for it: changed meanwhile, nothing is sent.
  const current = async (): Promise<SendResult | CaseView> => {
    const now = await api.review.getCase({ id: v.id })
    if (!now.ok) return now.error.message === NETWORK_MESSAGE ? OFFLINE : { sent: false, reason: 'refused', message: now.error.message }
    if (markerOf(now.data) !== v.base.marker && !opts.overrideConflict) return conflictOf(v, now.data.application.status === 'visiting')
    return now.data
  }
  if (v.sentVersion === undefined) {
    const before = await current()
    if ('sent' in before) return before
  }
  const photos = await sendPhotos(
    v.photos,
    (file, requestId) => upload({ purpose: 'visit', applicationId: v.id, requestId }, file, () => {}),
    (now) => keep((v = { ...v, photos: now })),
  )
  if (!photos.ok) {
    const { error } = photos.reply
    return error.message === NETWORK_MESSAGE ? OFFLINE : error.code === 'CONFLICT' ? conflictOf(v, false) : { sent: false, reason: 'refused', message: error.message }
  }
  // Sent before and the reply lost: the same request again, at the version it was made on. Run
  // then, the first reply comes back; not run and the case changed since, CONFLICT says so.
  let version = v.sentVersion
  if (version === undefined) {
    const now = await current()
    if ('sent' in now) return now
    version = now.application.version
    v = { ...v, sentVersion: version }
    keep(v)
  }
  const f = v.fields
  const reply = await api.review.recordVisit(
    {
      id: v.id,
      expectedVersion: version,
      date: f.date,
      staffPresent: f.staff.map((n) => n.trim()).filter(Boolean),
      place: f.place,
      findings: f.findings,
      photoIds: v.photos.flatMap((p) => (p.photoId ? [p.photoId] : [])),
      authorizationCollected: f.authorized as true,
      capturedAt: v.capturedAt,
    },
    { requestId: v.requestId },
  )
  if (!reply.ok) {
    if (reply.error.message === NETWORK_MESSAGE) return OFFLINE
    if (reply.error.code === 'CONFLICT') return conflictOf(v, true)
    keep({ ...v, state: 'editing', sentVersion: undefined })
    return { sent: false, reason: 'refused', message: reply.error.message, ...(reply.error.field ? { field: reply.error.field } : {}) }
  }
  removeKept('visit', v.id)
  await forgetPhotos(v.photos)
  return { sent: true, view: reply.data }
}

/** Sends every kept visit saved 未上传 (from the queue page, whatever case is open); how many are still kept after. */
export async function sendAllKeptVisits(): Promise<number> {
  for (const v of listKept<VisitFields>('visit')) {
    if (v.state !== 'waiting') continue
    const result = await sendKeptVisit(v)
    if (!result.sent && result.reason === 'offline') break
  }
  return listKept('visit').length
}
