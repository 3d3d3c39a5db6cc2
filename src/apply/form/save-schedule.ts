/**
 * When the form's server copy is written. Every save is a database write (CloudBase counts writes
 * against the plan's daily quota, and a worker's whole application must fit in 30 of them), so the
 * server gets the form on a change of step and when the page is hidden or left; while the worker
 * types on one step, at most once every ten minutes (a typical step takes one to five). The phone
 * keeps every change at once (./local-draft.ts), so a closed app loses nothing: the next opening
 * sends the phone's newer copy. A phone wiped or lost while the app is open loses at worst the
 * typing since the last change of step, hide or save: under ten minutes of it.
 */

/** While typing, the server copy is at most this old. */
export const TYPING_SAVE_INTERVAL_MS = 10 * 60_000

/** The timer functions the schedule uses (the global ones; a test passes a fake clock's). */
export interface ScheduleTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface SaveSchedule {
  /** A change while typing: a save within TYPING_SAVE_INTERVAL_MS, unless one is already due. */
  changed(): void
  /** Calls `save` after `ms` (a retry after a failed save), replacing the due save. */
  after(ms: number): void
  /** Forgets the due save (the caller saves now, or the draft is gone). */
  cancel(): void
}

const globalTimers: ScheduleTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A schedule calling `save` when a save is due; the caller saves at once on a step change or hide. */
export function saveSchedule(save: () => void, timers: ScheduleTimers = globalTimers): SaveSchedule {
  let due: unknown = null
  const cancel = () => {
    if (due !== null) timers.clearTimeout(due)
    due = null
  }
  const after = (ms: number) => {
    cancel()
    due = timers.setTimeout(() => {
      due = null
      save()
    }, ms)
  }
  return {
    changed: () => {
      if (due === null) after(TYPING_SAVE_INTERVAL_MS)
    },
    after,
    cancel,
  }
}
