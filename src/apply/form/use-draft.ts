import { useDidHide, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FormStep } from '@/domain/api/applicant'
import { isCurrentConsent } from '@/domain/consent'
import type { DocumentView } from '@/domain/documents'
import { emptyFormValues, type FormValues } from '@/domain/form-values'
import { api } from '@/api'
import type { TypedBy } from '@/domain/assisted'
import { consentOf, type ConsentChoices } from './form-model'
import { clearLocalDraft, fixBaselineFor, NO_CONSENT, readLocalDraft, takeSelfCheckCarry, selectLocalDraft, writeLocalDraft, type FixBaseline, type LocalDraft } from './local-draft'
import { OPEN_STATUSES, type ApplicationStatus } from '@/domain/application-status'

/** The worker's application being handled (submitted and not closed), if any: the form then has nothing to do. */
async function applicationInProgress(): Promise<DraftMeta['inProgress']> {
  const reply = await api.applicant.listMine({ page: 1, pageSize: 50 })
  const open = reply.ok ? reply.data.items.find((i) => OPEN_STATUSES.includes(i.status) && i.status !== 'draft' && i.status !== 'returned') : undefined
  return open && { id: open.id, number: open.number, status: open.status }
}
import { saveSchedule } from './save-schedule'

/** Where the server copy stands. */
export type SyncState = 'saved' | 'saving' | 'unsaved' | 'offline'

export interface DraftMeta {
  /** 'fix': a returned application being corrected and resubmitted. */
  mode: 'draft' | 'fix'
  number?: string
  documents: DocumentView[]
  fieldsToFix: string[]
  returnNote?: string
  /** 代为申请: who is typing it, when not the worker. */
  typedBy?: TypedBy
  /** An application already being handled: no form to fill until it is closed. */
  inProgress?: { id: string; number: string; status: ApplicationStatus }
  /** A returned application: its values and documents as returned, to tell which fields to fix are done. */
  baseline?: FixBaseline
}

const RETRY_MS = 15000
const ALL_AGREED: ConsentChoices = { privacyVersion: true, sensitiveVersion: true, financeCheckVersion: true }
const now = () => new Date().toISOString()

/**
 * The form in progress: loaded from the server and the phone (the newer wins), saved on the phone
 * at every change; on the server at once on a change of step, when the page is hidden or left, and
 * at most once every ten minutes while typing (./save-schedule.ts: each save is a database write).
 */
export function useDraft(assisted?: string) {
  selectLocalDraft(assisted)
  // Fixed for the page's life: the form opens for one application.
  const typistRef = useRef(assisted ? { assisted } : {})
  const cur = useRef<LocalDraft>({ values: emptyFormValues(), step: 'consent', consent: NO_CONSENT, changedAt: now() })
  const [, rerender] = useState(0)
  const [loading, setLoading] = useState(true)
  const [meta, setMeta] = useState<DraftMeta>({ mode: 'draft', documents: [], fieldsToFix: [] })
  const [sync, setSync] = useState<SyncState>('saved')
  // Made once; the save it calls is the stable saveNow below.
  const [schedule] = useState(() => saveSchedule(() => void saveNow()))
  /** Submitted: nothing more goes to the server from this form (leaving the page saves nothing). */
  const forgotten = useRef(false)
  const inFlight = useRef<Promise<boolean> | null>(null)
  /** The record's version after the last save the server confirmed (a resubmission names it). */
  const version = useRef<number | null>(null)
  const refresh = () => rerender((n) => n + 1)

  const commit = (next: Partial<LocalDraft>) => {
    cur.current = { ...cur.current, ...next, changedAt: now() }
    writeLocalDraft(cur.current)
    refresh()
  }

  /** Sends the latest values; resolves true once the server holds them. */
  const saveNow = useCallback(async (force = false): Promise<boolean> => {
    schedule.cancel()
    if (forgotten.current) return false
    while (inFlight.current) await inFlight.current
    const sent = cur.current
    if (!force && sent.id && sent.syncedAt === sent.changedAt) return true
    setSync('saving')
    const consent = consentOf(sent.consent)
    // A relative's name is sent once it is long enough to be one (until then the server keeps the last).
    const relative = sent.relative === undefined || (sent.relative && sent.relative.name.trim().length < 2) ? {} : { relative: sent.relative }
    const attempt = api.applicant.saveDraft({ values: sent.values, step: sent.step, ...(consent ? { consent } : {}), ...typistRef.current, ...relative }).then((reply) => {
      if (!reply.ok) {
        setSync('offline')
        schedule.after(RETRY_MS)
        return false
      }
      version.current = reply.data.version
      cur.current = { ...cur.current, id: reply.data.id, syncedAt: sent.changedAt }
      writeLocalDraft(cur.current)
      setSync(cur.current.changedAt === sent.changedAt ? 'saved' : 'unsaved')
      return true
    })
    inFlight.current = attempt
    try {
      return await attempt
    } finally {
      inFlight.current = null
    }
  }, [schedule])

  const scheduleSave = () => {
    setSync('unsaved')
    schedule.changed()
  }
  // Hidden (WeChat to the background, another page on top) or left: the server gets the latest now.
  useDidHide(() => void saveNow())
  useUnload(() => void saveNow())

  useEffect(() => {
    let alive = true
    void (async () => {
      const local = readLocalDraft()
      const reply = await api.applicant.getDraft(typistRef.current)
      if (!alive) return
      let draft: LocalDraft = local ?? cur.current
      if (reply.ok && reply.data.draft) {
        const s = reply.data.draft
        const localIsNewer = !!local && local.id === s.id && local.changedAt !== local.syncedAt
        draft = localIsNewer
          ? local!
          : { id: s.id, values: s.values, step: s.step as FormStep, consent: isCurrentConsent(s.consent) ? ALL_AGREED : (local?.consent ?? NO_CONSENT), changedAt: s.savedAt, syncedAt: s.savedAt }
        const fix = s.status === 'returned'
        const baseline = fix ? fixBaselineFor(s, s.values) : undefined
        setMeta({ mode: fix ? 'fix' : 'draft', number: s.number, documents: s.documents, fieldsToFix: s.fieldsToFix, returnNote: s.returnNote, typedBy: s.typedBy, baseline })
        if (!localIsNewer && s.typedBy?.kind === 'relative') draft = { ...draft, relative: { relation: s.typedBy.relation ?? 'other', name: s.typedBy.name } }
      } else if (reply.ok && !assisted) {
        // A caseworker typing for a worker has an assisted draft from the start; only a worker's own form asks.
        const inProgress = await applicationInProgress()
        if (!alive) return
        if (inProgress) {
          // Nothing to fill: the page says so instead of offering a form the server would refuse,
          // and leaving the page sends nothing.
          forgotten.current = true
          clearLocalDraft()
          setMeta((m) => ({ ...m, inProgress }))
          setLoading(false)
          return
        }
      }
      if (reply.ok && !reply.data.draft && local?.id) {
        // Submitted or withdrawn meanwhile (perhaps on another phone): start afresh.
        clearLocalDraft()
        draft = { values: emptyFormValues(), step: 'consent', consent: NO_CONSENT, changedAt: now() }
      } else if (!reply.ok) setSync('offline')
      const carry = takeSelfCheckCarry()
      if (carry) {
        draft = {
          ...draft,
          values: {
            ...draft.values,
            applicant: { ...draft.values.applicant, unitId: draft.values.applicant.unitId || carry.unitId },
            finances: { ...draft.values.finances, ...carry.finances },
          },
          changedAt: now(),
        }
      }
      cur.current = draft
      writeLocalDraft(draft)
      setLoading(false)
      // The phone's copy is newer (the app was closed before the server had it): sent at once.
      if (draft.changedAt !== draft.syncedAt && reply.ok) void saveNow()
    })()
    return () => {
      alive = false
      schedule.cancel()
    }
    // Loads once when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return {
    loading,
    draft: cur.current,
    meta,
    sync,
    /** Changes the values: kept on the phone at once, on the server at the next step, hide or within ten minutes. */
    setValues(update: (v: FormValues) => FormValues) {
      commit({ values: update(cur.current.values) })
      scheduleSave()
    },
    setConsent(consent: ConsentChoices) {
      commit({ consent })
      scheduleSave()
    },
    /** A relative says they type it for the worker (null: the worker types it). */
    setRelative(relative: LocalDraft['relative']) {
      commit({ relative })
      scheduleSave()
    },
    /** Moves to a step and saves on the server at once. */
    goTo(step: FormStep) {
      commit({ step })
      void saveNow()
    },
    saveNow,
    /** Resolves once no save is on its way (a submit waits, so it never races the step's save). */
    async whenIdle(): Promise<void> {
      while (inFlight.current) await inFlight.current
    },
    /** The server's id of the draft as of now (the render's `draft` may be older). */
    idNow: () => cur.current.id ?? null,
    /** Saves now even when nothing changed, and gives the record's version (null offline). */
    async saveForVersion(): Promise<number | null> {
      return (await saveNow(true)) ? version.current : null
    },
    setDocuments(documents: DocumentView[]) {
      setMeta((m) => ({ ...m, documents }))
    },
    /** After a submission: the phone forgets the draft. */
    forget() {
      schedule.cancel()
      forgotten.current = true
      clearLocalDraft()
    },
  }
}
