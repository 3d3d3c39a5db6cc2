/**
 * A worker filling the whole application form, on a fake clock, through the form's save schedule
 * (src/apply/form/save-schedule.ts): which server saves it makes and when. The schedule's test
 * counts them; `npm run load:cloud` replays them as each worker's draft saves.
 */
import type { FormStep } from '../../src/domain/api/applicant'
import { saveSchedule, type ScheduleTimers } from '../../src/apply/form/save-schedule'

/** One step of a session: how long the worker types in it (a change every `changeEveryS`), and whether they hide the app meanwhile. */
export interface SessionStep {
  step: FormStep
  typingMinutes: number
  /** The app goes to the background halfway through (a photo of the ID card, a call). */
  hides?: boolean
}

/**
 * A careful worker's first application, about 20 minutes of typing: the national file form's
 * fields, members one by one, finances, causes, a bank account, documents photographed (the app
 * hidden while the camera is open) and a last look before submitting.
 */
export const TYPICAL_SESSION: readonly SessionStep[] = [
  { step: 'consent', typingMinutes: 1 },
  { step: 'applicant', typingMinutes: 5, hides: true },
  { step: 'members', typingMinutes: 4 },
  { step: 'finances', typingMinutes: 3 },
  { step: 'causes', typingMinutes: 3 },
  { step: 'bank', typingMinutes: 1.5, hides: true },
  { step: 'documents', typingMinutes: 1, hides: true },
  { step: 'review', typingMinutes: 1 },
]

/** A server save: when, on which step, and why. */
export interface SessionSave {
  atMs: number
  step: FormStep
  reason: 'typing' | 'step' | 'hidden'
}

/** Timers on a clock that moves only when told. */
function fakeClock() {
  let now = 0
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  const api: ScheduleTimers & { now(): number; advanceTo(t: number): void } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn })
      return seq
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advanceTo(t) {
      for (;;) {
        const next = [...timers.entries()].filter(([, x]) => x.at <= t).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
        if (!next) break
        timers.delete(next[0])
        now = next[1].at
        next[1].fn()
      }
      now = t
    },
  }
  return api
}

/** The server saves of a session up to its submit: a change every `changeEveryS` seconds while typing; a save only sends what changed. */
export function sessionSaves(session: readonly SessionStep[] = TYPICAL_SESSION, changeEveryS = 3): SessionSave[] {
  const clock = fakeClock()
  const saves: SessionSave[] = []
  let step: FormStep = session[0].step
  let dirty = false
  const save = (reason: SessionSave['reason']) => {
    schedule.cancel()
    if (!dirty) return
    dirty = false
    saves.push({ atMs: clock.now(), step, reason })
  }
  const schedule = saveSchedule(() => save('typing'), clock)
  for (const s of session) {
    if (s.step !== step) {
      step = s.step
      dirty = true
      save('step')
    }
    const changes = Math.round((s.typingMinutes * 60) / changeEveryS)
    for (let i = 1; i <= changes; i++) {
      clock.advanceTo(clock.now() + changeEveryS * 1000)
      dirty = true
      schedule.changed()
      if (s.hides && i === Math.floor(changes / 2)) save('hidden')
    }
  }
  // The submit carries the whole form: no save of the draft before it.
  return saves
}
