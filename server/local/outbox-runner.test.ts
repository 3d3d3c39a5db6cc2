import { unionTree } from '../../test/support/union-tree'
import { inAppOnlyNotifier } from './notifier'
import { startOutboxRunner } from './outbox-runner'

test('the local runner delivers on its interval and on demand, and stops cleanly', async () => {
  const t = await unionTree()
  const base = { kind: 'status-changed' as const, recipientOpenid: 'o-worker', payload: {}, status: 'pending' as const, attempts: 0, nextAttemptAt: '2026-03-02T02:00:00.000Z', createdAt: '2026-03-02T02:00:00.000Z', sentAt: null, lastError: null }
  await t.deps.store.repos.outbox.enqueue({ ...base, key: 'k1' })
  const runner = startOutboxRunner(t.deps, inAppOnlyNotifier, 20)
  for (let i = 0; i < 100 && (await t.deps.store.repos.outbox.get('k1'))?.status === 'pending'; i++) await new Promise((r) => setTimeout(r, 10))
  expect(await t.deps.store.repos.outbox.get('k1')).toMatchObject({ status: 'skipped' })
  await t.deps.store.repos.outbox.enqueue({ ...base, key: 'k2' })
  await runner.runOnce()
  expect(await t.deps.store.repos.outbox.get('k2')).toMatchObject({ status: 'skipped' })
  await runner.stop()
  await t.close()
})
