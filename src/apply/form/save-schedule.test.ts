import { sessionSaves, TYPICAL_SESSION } from '../../../test/support/form-session'
import { TYPING_SAVE_INTERVAL_MS } from './save-schedule'

describe('the form’s server saves', () => {
  const saves = sessionSaves()

  it('a whole application takes a server save per step and hide, no more (a change every 3 s for about 20 minutes)', () => {
    const typingMs = TYPICAL_SESSION.reduce((ms, s) => ms + s.typingMinutes * 60_000, 0)
    expect(typingMs).toBeGreaterThanOrEqual(19 * 60_000)
    const hides = TYPICAL_SESSION.filter((s) => s.hides).length
    expect(saves.length).toBe(TYPICAL_SESSION.length - 1 + hides)
    expect(saves.length).toBeLessThanOrEqual(10)
  })

  it('saves on every change of step and every hide, at once', () => {
    const steps = TYPICAL_SESSION.map((s) => s.step)
    expect(saves.filter((s) => s.reason === 'step').map((s) => s.step)).toEqual(steps.slice(1))
    expect(saves.filter((s) => s.reason === 'hidden').map((s) => s.step)).toEqual(TYPICAL_SESSION.filter((s) => s.hides).map((s) => s.step))
  })

  it('while typing long on one step, saves at most once every ten minutes, and no typing save in a typical session', () => {
    expect(saves.filter((s) => s.reason === 'typing')).toEqual([])
    const long = sessionSaves([{ step: 'consent', typingMinutes: 1 }, { step: 'causes', typingMinutes: 35 }])
    const typing = long.filter((s) => s.reason === 'typing')
    expect(typing).toHaveLength(3)
    long.forEach((s, i) => {
      if (s.reason === 'typing' && i > 0) expect(s.atMs - long[i - 1].atMs).toBeGreaterThanOrEqual(TYPING_SAVE_INTERVAL_MS)
    })
  })

  it('a change every second costs no more saves than one every ten', () => {
    expect(sessionSaves(TYPICAL_SESSION, 1).length).toBeLessThanOrEqual(sessionSaves(TYPICAL_SESSION, 10).length + 1)
  })
})
