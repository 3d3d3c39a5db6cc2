import fc from 'fast-check'
import { ERROR_CODES } from '../../src/domain'
import { API } from '../../src/domain/api'
import { FUNCTION_NAMES, handle } from '../../server/functions'
import { sqliteDeps, validForm } from '../support/deps'

/** Arbitrary events at every action of every function: each gets a reply, never a throw or INTERNAL. */
describe('functions under arbitrary events', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeAll(() => (t = sqliteDeps()))
  afterAll(() => t.close())

  const formLike = fc.record(
    {
      name: fc.oneof(fc.string(), fc.constant(validForm.name)),
      idNumber: fc.oneof(fc.string(), fc.constant(validForm.idNumber), fc.stringMatching(/^\d{17}[\dX]$/)),
      phone: fc.oneof(fc.string(), fc.constant(validForm.phone)),
      employer: fc.oneof(fc.string(), fc.constant(validForm.employer)),
      mainCause: fc.oneof(fc.string(), fc.constant(validForm.mainCause)),
    },
    { requiredKeys: [] },
  )
  const input = fc.oneof(fc.anything(), formLike, fc.dictionary(fc.string(), fc.anything()), fc.record({ id: fc.string(), page: fc.anything() }))

  it.each(FUNCTION_NAMES.flatMap((fn) => Object.keys(API[fn]).map((action) => [fn, action])))('%s.%s', async (fn, action) => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(
        input,
        fc.option(fc.string(), { nil: undefined }),
        fc.constantFrom('w1', 'w2', 'w3'),
        async (payload, requestId, openid) => {
          const reply = await handle(fn, { action, input: payload, requestId }, { openid }, t.deps)
          if (reply.ok) seen.add('ok')
          else {
            expect(ERROR_CODES).toContain(reply.error.code)
            expect(reply.error.code).not.toBe('INTERNAL')
            expect(reply.error.message).toMatch(/[\u4e00-\u9fa5]/)
            seen.add(reply.error.code)
          }
        },
      ),
      { numRuns: 1500 },
    )
    expect(seen.size).toBeGreaterThan(0)
  })

  it('answers whole arbitrary events too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.constantFrom(...FUNCTION_NAMES, 'nosuch'), async (event, fn) => {
        const reply = await handle(fn, event, { openid: 'w9' }, t.deps)
        expect(reply.ok || reply.error.code !== 'INTERNAL').toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
