import type { MessageRecord, Store } from '../../server/ports'
import { contractStores } from './stores'
import { outboxEntry } from '../support/fixtures'

const { factories } = contractStores()

const entry = outboxEntry

const message = (id: string, over: Partial<MessageRecord> = {}): MessageRecord => ({
  id,
  openid: 'alice',
  title: '申请MLS-2026-000001：已提交',
  body: '等待基层工会初审',
  applicationId: 'app-1',
  createdAt: '2026-03-02T02:00:00.000Z',
  readAt: null,
  ...over,
})

describe.each(factories)('notification stores: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  it('enqueues an outbox entry once per key, inside and outside transactions', async () => {
    expect(await store.repos.outbox.enqueue(entry('k1'))).toBe(true)
    expect(await store.repos.outbox.enqueue(entry('k1', { recipientOpenid: 'bob' }))).toBe(false)
    expect(await store.transaction((r) => r.outbox.enqueue(entry('k1')))).toBe(false)
    expect(await store.transaction((r) => r.outbox.enqueue(entry('k2')))).toBe(true)
    expect(await store.repos.outbox.get('k1')).toEqual(entry('k1'))
    expect(await store.repos.outbox.get('none')).toBeNull()
  })

  it('lists pending entries that are due, earliest first', async () => {
    await store.repos.outbox.enqueue(entry('late', { nextAttemptAt: '2026-03-02T03:00:00.000Z' }))
    await store.repos.outbox.enqueue(entry('early', { nextAttemptAt: '2026-03-02T01:00:00.000Z' }))
    await store.repos.outbox.enqueue(entry('now', { nextAttemptAt: '2026-03-02T02:00:00.000Z' }))
    await store.repos.outbox.enqueue(entry('sent', { status: 'sent', nextAttemptAt: '2026-03-02T00:00:00.000Z' }))
    const due = await store.repos.outbox.due('2026-03-02T02:00:00.000Z', 10)
    expect(due.map((e) => e.key)).toEqual(['early', 'now'])
    expect((await store.repos.outbox.due('2026-03-02T02:00:00.000Z', 1)).map((e) => e.key)).toEqual(['early'])
  })

  it('updates an entry only from the attempts count it was read with', async () => {
    await store.repos.outbox.enqueue(entry('k'))
    const failed = entry('k', { attempts: 1, lastError: 'timeout', nextAttemptAt: '2026-03-02T02:01:00.000Z' })
    expect(await store.repos.outbox.update(failed, 0)).toBe(true)
    expect(await store.repos.outbox.update(entry('k', { attempts: 1, status: 'sent' }), 0)).toBe(false)
    expect(await store.repos.outbox.get('k')).toEqual(failed)
    expect(await store.repos.outbox.due('2026-03-02T02:00:30.000Z', 10)).toEqual([])
  })

  it('lists a person\'s messages newest first, counts and marks only their unread ones', async () => {
    await store.repos.messages.add(message('m1', { createdAt: '2026-03-02T02:00:00.000Z' }))
    await store.transaction((r) => r.messages.add(message('m2', { createdAt: '2026-03-02T02:05:00.000Z' })))
    await store.repos.messages.add(message('m3', { createdAt: '2026-03-02T02:10:00.000Z' }))
    await store.repos.messages.add(message('b1', { openid: 'bob' }))

    const page = await store.repos.messages.listFor('alice', { offset: 0, limit: 2 })
    expect(page.total).toBe(3)
    expect(page.items.map((m) => m.id)).toEqual(['m3', 'm2'])
    expect((await store.repos.messages.listFor('alice', { offset: 2, limit: 2 })).items).toEqual([message('m1')])
    expect(await store.repos.messages.unreadCount('alice')).toBe(3)

    expect(await store.repos.messages.markRead('alice', ['m1', 'm3', 'b1', 'none'], '2026-03-02T03:00:00.000Z')).toBe(2)
    expect(await store.repos.messages.markRead('alice', ['m1'], '2026-03-02T04:00:00.000Z')).toBe(0)
    expect(await store.repos.messages.unreadCount('alice')).toBe(1)
    expect(await store.repos.messages.unreadCount('bob')).toBe(1)
    const after = await store.repos.messages.listFor('alice', { offset: 0, limit: 10 })
    expect(after.items.map((m) => [m.id, m.readAt])).toEqual([
      ['m3', '2026-03-02T03:00:00.000Z'],
      ['m2', null],
      ['m1', '2026-03-02T03:00:00.000Z'],
    ])
  })

  it('rolls back messages and outbox entries with their transaction', async () => {
    await expect(
      store.transaction(async (r) => {
        await r.messages.add(message('m1'))
        await r.outbox.enqueue(entry('k1'))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await store.repos.outbox.get('k1')).toBeNull()
    expect(await store.repos.messages.unreadCount('alice')).toBe(0)
  })
})
