import { sessionSaves, TYPICAL_SESSION } from '../../../test/support/form-session'
import { TYPING_SAVE_INTERVAL_MS } from './save-schedule'

describe('the form’s server saves', () => {
  const saves = sessionSaves()

  it('a whole application takes at most 30 server saves (a change every 3 s for about 20 minutes)', () => {
    const typingMs = TYPICAL_SESSION.reduce((ms, s) => ms + s.typingMinutes * 60_000, 0)
    expect(typingMs).toBeGreaterThanOrEqual(19 * 60_000)
    expect(saves.length).toBeLessThanOrEqual(30)
  })

  it('saves on every change of step and every hide, at once', () => {
    const steps = TYPICAL_SESSION.map((s) => s.step)
    expect(saves.filter((s) => s.reason === 'step').map((s) => s.step)).toEqual([...steps.slice(1), 'review'])
    expect(saves.filter((s) => s.reason === 'hidden').map((s) => s.step)).toEqual(TYPICAL_SESSION.filter((s) => s.hides).map((s) => s.step))
  })

  it('while typing, saves at most once a minute', () => {
    const typing = saves.filter((s) => s.reason === 'typing')
    expect(typing.length).toBeGreaterThan(5)
    saves.forEach((s, i) => {
      if (s.reason === 'typing' && i > 0) expect(s.atMs - saves[i - 1].atMs).toBeGreaterThanOrEqual(TYPING_SAVE_INTERVAL_MS)
    })
  })

  it('a change every second costs no more saves than one every ten', () => {
    expect(sessionSaves(TYPICAL_SESSION, 1).length).toBeLessThanOrEqual(sessionSaves(TYPICAL_SESSION, 10).length + 1)
  })
})
