import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import type { Store } from '../../ports'
import { openSqliteStore } from '.'

let dir: { dir: string; cleanup: () => void }
let store: Store
beforeEach(() => {
  dir = tempDir()
  store = openSqliteStore(join(dir.dir, 'keeping.db'))
})
afterEach(async () => {
  await store.close()
  dir.cleanup()
})

const claim = (key: string) => ({ key, holder: 'h' })
const keeping = (work: Parameters<NonNullable<Store['transactionKeeping']>>[0]) => store.transactionKeeping!(work)

test('a throw after keep() commits the writes before it and rolls back those after, then throws', async () => {
  await expect(
    keeping(async (repos, keep) => {
      await repos.claims.create('before', 'h')
      await repos.counters.next('n')
      keep()
      await repos.claims.create('after', 'h')
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  expect(await store.repos.claims.get('before')).toEqual(claim('before'))
  expect(await store.repos.claims.get('after')).toBeNull()
  expect(await store.repos.counters.next('n')).toBe(2)
})

test('a throw before keep() leaves nothing; a work that ends well commits everything', async () => {
  await expect(
    keeping(async (repos) => {
      await repos.claims.create('early', 'h')
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  expect(await store.repos.claims.get('early')).toBeNull()
  expect(
    await keeping(async (repos, keep) => {
      await repos.claims.create('a', 'h')
      keep()
      await repos.claims.create('b', 'h')
      return 'done'
    }),
  ).toBe('done')
  expect(await store.repos.claims.get('a')).toEqual(claim('a'))
  expect(await store.repos.claims.get('b')).toEqual(claim('b'))
})

test('in one group with other transactions: the failed one keeps its kept writes, the others are committed whole', async () => {
  const results = await Promise.allSettled([
    store.transaction(async (repos) => void (await repos.claims.create('first', 'h'))),
    keeping(async (repos, keep) => {
      await repos.claims.create('kept', 'h')
      keep()
      await repos.claims.create('dropped', 'h')
      throw new Error('boom')
    }),
    store.transaction(async (repos) => void (await repos.claims.create('last', 'h'))),
  ])
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  for (const key of ['first', 'kept', 'last']) expect(await store.repos.claims.get(key)).toEqual(claim(key))
  expect(await store.repos.claims.get('dropped')).toBeNull()
})
