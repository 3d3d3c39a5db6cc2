/**
 * Delivery against SQLite with a fake notifier. The fake is the one stand-in here on purpose: the
 * real channel is WeChat's subscribe-message call, which travels as multipart + protobuf through
 * CloudBase and cannot be reached offline; what matters here is our side of it (claims, backoff,
 * once per key), and that is real.
 */
import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import type { DeliveryOutcome, Notifier, OutboxEntry } from '../../ports'
import { inAppOnlyNotifier } from '../../local/notifier'
import { BACKOFF_CAP_MS, MAX_ATTEMPTS, backoffMs, deliverOutbox } from './deliver-outbox'
import { outboxEntry } from '../../../test/support/fixtures'

const TEMPLATE = 'TPL-STATUS-0001'
let t: TreeFixture
beforeEach(async () => {
  t = await unionTree()
  // The union's status template, and a worker who accepted it often enough for every test below.
  await t.deps.store.repos.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: { statusChanged: TEMPLATE } })
  for (let i = 0; i < 20; i++) await t.deps.store.repos.subscriptions.accept('o-worker', TEMPLATE, 'statusChanged', '2026-03-02T01:00:00.000Z', 20)
})
afterEach(() => t.close())

/** A decision (returned) for o-worker, on an application the store does not hold: the root unit's template applies. */
const entry = (key: string, more: Partial<OutboxEntry> = {}): OutboxEntry => outboxEntry(key, { recipientOpenid: 'o-worker', payload: { applicationId: 'app-1', number: 'MLS-2026-000001', status: 'returned' }, ...more })
const held = async (openid = 'o-worker') => (await t.deps.store.repos.subscriptions.get(openid, TEMPLATE))?.remaining ?? 0

/** Fails its first `failures` sends of each key with a thrown error, then answers `then`; records every send. */
function flaky(failures: number, then: DeliveryOutcome = { status: 'sent' }): Notifier & { sends: string[] } {
  const sends: string[] = []
  return {
    sends,
    async send(e) {
      sends.push(e.key)
      if (sends.filter((k) => k === e.key).length <= failures) throw new Error('WeChat busy (-1)')
      return then
    },
  }
}

const get = (key: string) => t.deps.store.repos.outbox.get(key)

test('backoff doubles from a minute and stops at an hour', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000])
  expect(backoffMs(30)).toBe(BACKOFF_CAP_MS)
})

test('a due entry is sent once and marked sent; entries not yet due wait', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  await t.deps.store.repos.outbox.enqueue(entry('later', { nextAttemptAt: '2026-03-02T03:00:00.000Z' }))
  const notifier = flaky(0)
  expect(await deliverOutbox(t.deps, notifier, { limit: 10 })).toEqual({ due: 1, sent: 1, skipped: 0, retrying: 0, failed: 0, busy: 0 })
  expect(await get('k1')).toMatchObject({ status: 'sent', attempts: 1, sentAt: '2026-03-02T02:00:00.000Z', lastError: null, leaseId: null })
  expect(await deliverOutbox(t.deps, notifier, { limit: 10 })).toMatchObject({ due: 0 })
  expect(notifier.sends).toEqual(['k1'])
})

test('failures retry with exponential backoff on the injected clock, then succeed', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  const notifier = flaky(3)
  expect(await deliverOutbox(t.deps, notifier, { limit: 10 })).toMatchObject({ retrying: 1 })
  expect(await get('k1')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: '2026-03-02T02:01:00.000Z', lastError: 'Error: WeChat busy (-1)' })
  // Not due yet: nothing is sent.
  t.clock.advance(59_000)
  expect(await deliverOutbox(t.deps, notifier, { limit: 10 })).toMatchObject({ due: 0 })
  t.clock.advance(1_000)
  await deliverOutbox(t.deps, notifier, { limit: 10 })
  expect(await get('k1')).toMatchObject({ attempts: 2, nextAttemptAt: '2026-03-02T02:03:00.000Z' })
  t.clock.advance(120_000)
  await deliverOutbox(t.deps, notifier, { limit: 10 })
  expect(await get('k1')).toMatchObject({ attempts: 3, nextAttemptAt: '2026-03-02T02:07:00.000Z' })
  t.clock.advance(240_000)
  expect(await deliverOutbox(t.deps, notifier, { limit: 10 })).toMatchObject({ sent: 1 })
  expect(await get('k1')).toMatchObject({ status: 'sent', attempts: 4, lastError: null })
  expect(notifier.sends).toHaveLength(4)
})

test(`after ${MAX_ATTEMPTS} failed attempts the entry is failed: kept with its error and listed, never dropped`, async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  const notifier = flaky(100)
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    await deliverOutbox(t.deps, notifier, { limit: 10 })
    t.clock.advance(BACKOFF_CAP_MS)
  }
  expect(notifier.sends).toHaveLength(MAX_ATTEMPTS)
  expect(await get('k1')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'Error: WeChat busy (-1)' })
  expect(await t.deps.store.repos.outbox.listByStatus('failed', { offset: 0, limit: 10 })).toMatchObject({ total: 1, items: [{ key: 'k1' }] })
})

test('skipped and permanently failed outcomes are recorded with their reason and not retried; a failure gives the acceptance back, 43101 clears them all', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('f'))
  expect(await deliverOutbox(t.deps, flaky(0, { status: 'failed', error: 'WeChat refused the message (47003)' }), { limit: 10 })).toMatchObject({ failed: 1 })
  expect(await get('f')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'WeChat refused the message (47003)' })
  expect(await held()).toBe(20)
  await t.deps.store.repos.outbox.enqueue(entry('s'))
  expect(await deliverOutbox(t.deps, flaky(0, { status: 'skipped', reason: 'WeChat: no acceptance held (43101)', noneLeft: true }), { limit: 10 })).toMatchObject({ skipped: 1 })
  expect(await get('s')).toMatchObject({ status: 'skipped', lastError: 'WeChat: no acceptance held (43101)' })
  expect(await held()).toBe(0)
})

test('a transient failure gives the acceptance back: the retry spends it', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  await deliverOutbox(t.deps, flaky(1), { limit: 10 })
  expect(await held()).toBe(20)
})

test('the local notifier closes entries as skipped, saying the in-app message is the notification', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  await deliverOutbox(t.deps, inAppOnlyNotifier, { limit: 10 })
  expect(await get('k1')).toMatchObject({ status: 'skipped', lastError: expect.stringContaining('in-app message') })
})

describe('acceptances: a message only when there is one to spend, and on the message that matters', () => {
  const send = async (key: string, status: string, recipient = 'o-other') => {
    await t.deps.store.repos.outbox.enqueue(entry(key, { recipientOpenid: recipient, payload: { applicationId: 'app-1', number: 'MLS-2026-000001', status } }))
    const notifier = flaky(0)
    await deliverOutbox(t.deps, notifier, { limit: 10 })
    return { sent: notifier.sends.length, entry: await get(key) }
  }
  const accept = () => t.deps.store.repos.subscriptions.accept('o-other', TEMPLATE, 'statusChanged', '2026-03-02T01:00:00.000Z', 20)

  test('none held: closed as in-app only, WeChat never called', async () => {
    expect(await send('a', 'filed')).toMatchObject({ sent: 0, entry: { status: 'skipped', lastError: 'in-app only: no acceptance to spend' } })
  })

  test("the worker's own act (submitted) never spends one", async () => {
    await accept()
    expect(await send('a', 'submitted')).toMatchObject({ sent: 0, entry: { status: 'skipped', lastError: expect.stringContaining('own act') } })
    expect(await held('o-other')).toBe(1)
  })

  test('one held is kept for a decision: a step along the way waits for two', async () => {
    await accept()
    expect(await send('a', 'visiting')).toMatchObject({ sent: 0, entry: { status: 'skipped', lastError: 'in-app only: the one acceptance held is kept for a decision' } })
    expect(await send('b', 'returned')).toMatchObject({ sent: 1, entry: { status: 'sent' } })
    expect(await held('o-other')).toBe(0)
    await accept()
    await accept()
    expect(await send('c', 'visiting')).toMatchObject({ sent: 1 })
    expect(await held('o-other')).toBe(1)
  })

  test('no template for the unit: in-app only', async () => {
    await t.deps.store.repos.policies.put({ unitId: 'unit-root', dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: {} })
    expect(await send('a', 'filed', 'o-worker')).toMatchObject({ sent: 0, entry: { lastError: 'in-app only: no subscribe template is set for statusChanged' } })
  })
})

test('two runs at once never send one key twice', async () => {
  for (let i = 0; i < 20; i++) await t.deps.store.repos.outbox.enqueue(entry(`k${String(i).padStart(2, '0')}`))
  const notifier = flaky(0)
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => deliverOutbox(t.deps, notifier, { limit: 50 })))
  expect(a.sent + b.sent + c.sent).toBe(20)
  expect(a.busy + b.busy + c.busy).toBe(40)
  expect(new Set(notifier.sends).size).toBe(20)
  expect(notifier.sends).toHaveLength(20)
})

test('a run holds an entry while sending: a second run in the middle of a slow send leaves it alone', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('k1'))
  let release!: () => void
  const sends: string[] = []
  const slow: Notifier = {
    send: (e) => {
      sends.push(e.key)
      return new Promise((resolve) => (release = () => resolve({ status: 'sent' })))
    },
  }
  const first = deliverOutbox(t.deps, slow, { limit: 10 })
  while (!release) await new Promise((r) => setTimeout(r, 5))
  t.clock.advance(120_000)
  expect(await deliverOutbox(t.deps, slow, { limit: 10 })).toMatchObject({ due: 0 })
  release()
  expect(await first).toMatchObject({ sent: 1 })
  expect(sends).toEqual(['k1'])
})

test('a limit caps one run; earliest due first', async () => {
  await t.deps.store.repos.outbox.enqueue(entry('b', { nextAttemptAt: '2026-03-02T01:59:00.000Z' }))
  await t.deps.store.repos.outbox.enqueue(entry('a', { nextAttemptAt: '2026-03-02T01:58:00.000Z' }))
  await t.deps.store.repos.outbox.enqueue(entry('c'))
  const notifier = flaky(0)
  expect(await deliverOutbox(t.deps, notifier, { limit: 2 })).toMatchObject({ due: 2, sent: 2 })
  expect(notifier.sends).toEqual(['a', 'b'])
})
