import { childCpuMs, selectPhases } from './test-all'

describe('npm test, the phases', () => {
  test('a phase named alone brings what it needs, in the order they start', () => {
    expect(selectPhases(['test:e2e']).map((p) => p.name)).toEqual(['build:h5', 'test:e2e'])
    expect(selectPhases(['test:weapp', 'lint']).map((p) => p.name)).toEqual(['lint', 'build:weapp', 'test:weapp'])
  })

  test('no name runs every phase: every build, check and suite of the old serial chain', () => {
    expect(selectPhases([]).map((p) => p.name).sort()).toEqual(
      ['build:functions', 'build:h5', 'build:weapp', 'check:weapp', 'jest', 'lint', 'test:e2e', 'test:weapp', 'typecheck'],
    )
  })

  test('every phase needs only phases that start before it, so none waits forever', () => {
    const phases = selectPhases([])
    phases.forEach((p, i) => p.needs.forEach((n) => expect(phases.findIndex((q) => q.name === n)).toBeLessThan(i)))
  })

  test('an unknown phase is refused with the list of phases', () => {
    expect(() => selectPhases(['e2e'])).toThrow(/unknown phase e2e; phases: build:functions, jest/)
  })

  test("the children's CPU time is read from bash's times", () => {
    expect(childCpuMs('0m0.010s 0m0.002s\n1m17.360s 0m1.770s\n')).toBe(79130)
    expect(childCpuMs('')).toBe(0)
  })
})
