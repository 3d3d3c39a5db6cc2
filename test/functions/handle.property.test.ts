import fc from 'fast-check'
import { ERROR_CODES } from '../../src/domain'
import { API } from '../../src/domain/api'
import { FUNCTION_NAMES, handle } from '../../server/functions'
import { MORE_ID_NUMBERS, sqliteDeps, submission } from '../support/deps'

/** Arbitrary events at every action of every function: each gets a reply, never a throw or INTERNAL. */
describe('functions under arbitrary events', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeAll(() => (t = sqliteDeps()))
  afterAll(() => t.close())

  // Real ids, so that actions taking one reach their use case: a draft of w1, a submitted application of w2.
  const ids: string[] = []
  beforeAll(async () => {
    await t.ready
    const w1 = await handle('applicant', { action: 'saveDraft', input: { values: submission().form, step: 'documents' } }, { openid: 'w1' }, t.deps)
    const w2 = await handle('applicant', { action: 'submit', input: submission({ idNumber: '11010519491231002X', memberIds: [] }) }, { openid: 'w2' }, t.deps)
    for (const r of [w1, w2]) if (r.ok) ids.push((r.data as { id: string }).id)
    expect(ids).toHaveLength(2)
  })

  /** A valid submission with a few leaves replaced by arbitrary values, and 0-12 members. */
  const paths = (x: unknown, prefix = ''): string[] =>
    x !== null && typeof x === 'object' ? Object.entries(x).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k)) : [prefix]
  const leafPaths = paths(submission())
  const setPath = (root: Record<string, unknown>, path: string, value: unknown) => {
    const keys = path.split('.')
    let at: Record<string, unknown> = root
    for (const k of keys.slice(0, -1)) at = (at[k] ?? {}) as Record<string, unknown>
    at[keys[keys.length - 1]] = value
  }
  const submissionLike = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...leafPaths), fc.oneof(fc.string(), fc.anything(), fc.stringMatching(/^\d{17}[\dX]$/))), { maxLength: 3 }),
      fc.integer({ min: 0, max: 12 }),
    )
    .map(([mutations, memberCount]) => {
      const s = submission({ memberIds: Array.from({ length: memberCount }, (_, i) => MORE_ID_NUMBERS[i % MORE_ID_NUMBERS.length]) }) as unknown as Record<string, unknown>
      for (const [path, value] of mutations) setPath(s, path, value)
      return s
    })
  const idLike = fc.oneof(fc.constantFrom('w1-draft', 'w2-submitted'), fc.string()).map((x) => (x === 'w1-draft' ? ids[0] : x === 'w2-submitted' ? ids[1] : x))
  const withId = fc.record(
    {
      id: idLike,
      applicationId: idLike,
      expectedVersion: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.anything()),
      documentId: fc.string(),
      kind: fc.oneof(fc.constantFrom('id-card', 'hukou', 'other'), fc.string()),
      fileName: fc.string(),
      fileId: fc.oneof(fc.string(), fc.constant('cloud://env.bucket/documents/x/y-z'), idLike.map((i) => `documents/${i}/a-b`)),
    },
    { requiredKeys: [] },
  )
  const draftLike = fc.record(
    { values: fc.oneof(submissionLike.map((s) => s.form), fc.anything()), step: fc.oneof(fc.constantFrom('consent', 'members', 'review'), fc.string()), consent: fc.anything() },
    { requiredKeys: ['values'] },
  )
  const selfCheckLike = fc.record(
    {
      unitId: fc.oneof(fc.constantFrom('unit-root', 'unit-532504001'), fc.string()),
      householdSize: fc.oneof(fc.integer({ min: -1, max: 30 }).map(String), fc.string()),
      annualIncome: fc.oneof(fc.constantFrom('0', '24000', '1e9', '12.345'), fc.string()),
      medicalExpenses: fc.constantFrom('0', '6000'),
      schoolingExpenses: fc.constantFrom('0', '3000'),
      otherRigidExpenses: fc.constantFrom('0', '999999999999'),
      accidentOrDisaster: fc.constantFrom('yes', 'no', 'maybe'),
      hardshipCosts: fc.constantFrom('0', '50000'),
    },
    { requiredKeys: [] },
  )
  const input = fc.oneof(
    fc.anything(),
    submissionLike,
    fc.tuple(submissionLike, withId).map(([s, w]) => ({ ...s, ...w })),
    withId,
    draftLike,
    selfCheckLike,
    fc.dictionary(fc.string(), fc.anything()),
    fc.record({ id: fc.string(), page: fc.anything() }),
  )

  // 500 events per action: some 50,000 across the hundred actions, each of the input's eight shapes drawn ~60 times an action.
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
      { numRuns: 500 },
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
