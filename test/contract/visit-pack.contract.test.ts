/**
 * The cases kept on a caseworker's phone for home visits without signal, on both stores through
 * the event contract: only the jurisdiction's cases at 入户调查, due first, masked, with what a kept
 * visit is compared against when sent; a fixed number of database requests however many cases;
 * concurrent caseworkers on the stand-in all answered.
 */
import type { ApiReply } from '../../src/domain'
import type { VisitPack } from '../../src/domain/api/review'
import type { Store } from '../../server/ports'
import { MORE_ID_NUMBERS } from '../support/forms'
import { reviewFixture, type ReviewFixture } from '../support/review'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

const data = <T>(r: ApiReply<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}

describe.each(factories)('visit pack: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let t: ReviewFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    t = await reviewFixture(store)
  })
  afterEach(async () => {
    await t.close()
    await close()
  })

  const pack = async (openid: string) => data<VisitPack>(await t.call(openid, 'review', 'visitPack', {}))
  /** Database requests one pack takes on the stand-in (none counted on SQLite). */
  const requestsOf = async (openid: string) => {
    if (name !== 'cloudbase') return 0
    const before = standin().requests.length
    await pack(openid)
    return standin().requests.length - before
  }

  it('keeps the jurisdiction’s cases at the home visit, masked, with their version and review count', async () => {
    const visiting = await t.submit('w1', 'unit-a1', { idNumber: MORE_ID_NUMBERS[0], name: '王老五' })
    await t.walkTo(visiting, 'visiting')
    const screening = await t.submit('w2', 'unit-a2', { idNumber: MORE_ID_NUMBERS[1] })
    await t.walkTo(screening, 'screening')
    const elsewhere = await t.submit('w3', 'unit-b1', { idNumber: MORE_ID_NUMBERS[2] })
    await t.act('o-b-staff', 'startScreening', elsewhere)
    await t.act('o-b-staff', 'acceptScreening', elsewhere)

    const mine = await pack('o-caseworker')
    const view = await t.view('o-caseworker', visiting)
    expect(mine.cases).toEqual([
      {
        id: visiting,
        number: view.application.number,
        nameMasked: '王*五',
        unitName: '农机厂工会',
        status: 'visiting',
        version: view.application.version,
        reviewCount: view.review.length,
        mainCause: expect.any(String),
        enteredAt: view.enteredAt,
        dueAt: view.dueAt,
      },
    ])
    expect(Date.parse(mine.at)).toBe(t.clock.now().getTime())
    // Nothing sensitive travels: no ID number, phone, address or account of the form.
    const text = JSON.stringify(mine)
    for (const secret of [MORE_ID_NUMBERS[0], '王老五']) expect(text).not.toContain(secret)
    expect(Object.keys(mine.cases[0]).sort()).toEqual(['dueAt', 'enteredAt', 'id', 'mainCause', 'nameMasked', 'number', 'reviewCount', 'status', 'unitName', 'version'])

    // The other town's caseworker keeps only their own; a reviewer, who makes no visits, none.
    expect((await pack('o-b-staff')).cases.map((c) => c.id)).toEqual([elsewhere])
    expect((await pack('o-reviewer')).cases).toEqual([])
    // A worker is refused.
    const refused = await t.call('w1', 'review', 'visitPack', {})
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN')
    // Unknown keys are refused like any action's.
    const unknown = await t.call('o-caseworker', 'review', 'visitPack', { all: true })
    expect(unknown.ok ? null : unknown.error.code).toBe('VALIDATION')
  })

  it('takes the same few requests for one case as for several, and answers caseworkers calling at once', async () => {
    const first = await t.submit('w1', 'unit-a1', { idNumber: MORE_ID_NUMBERS[0] })
    await t.walkTo(first, 'visiting')
    const one = await requestsOf('o-caseworker')
    for (const [i, id] of MORE_ID_NUMBERS.slice(1, 5).entries()) await t.walkTo(await t.submit(`w${i + 2}`, i % 2 ? 'unit-a1' : 'unit-a2x', { idNumber: id }), 'visiting')
    const five = await requestsOf('o-caseworker')
    expect(five).toBe(one)
    if (name === 'cloudbase') expect(one).toBeGreaterThan(0)

    if (name === 'cloudbase') standin().limits.latencyMs = 10
    const packs = await Promise.all(['o-caseworker', 'o-caseworker-2', 'o-caseworker', 'o-caseworker-2', 'o-caseworker'].map(pack))
    if (name === 'cloudbase') standin().limits.latencyMs = 0
    for (const p of packs) expect(p.cases).toHaveLength(5)
    // Due first, as the queue shows them.
    const due = packs[0].cases.map((c) => c.dueAt ?? '')
    expect([...due].sort()).toEqual(due)
  })
})
