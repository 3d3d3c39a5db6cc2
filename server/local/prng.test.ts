import fc from 'fast-check'
import { apportion } from './prng'

describe('apportion (demo data)', () => {
  it('splits a total exactly, each part at least the minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.nat({ max: 5 }), fc.nat({ max: 10_000 }), (w, min, extra) => {
        const total = min * w.length + extra
        const parts = apportion(total, w, min)
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
        for (const p of parts) expect(Number.isInteger(p) && p >= min).toBe(true)
      }),
    )
  })
})
