/**
 * The rules by which the stand-in fails where CloudBase fails (README.md beside this file names
 * the source of each), driven through the real node-sdk, and for one error code through
 * wx-server-sdk, which maps it to its errCode.
 */
import tcb from '@cloudbase/node-sdk'
import { startStandin, type Standin } from '.'
import { DEFAULT_LIMITS, limitsFromEnv } from './limits'

process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>
type Tx = { collection(name: string): ReturnType<Db['collection']> }

let standin: Standin
let db: Db
const connect = (s: Standin) => tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: s.url }).database()
/** Waits (without measuring time) until `done` holds. */
const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setImmediate(r))
}

beforeAll(async () => {
  standin = await startStandin()
  for (const name of ['posts', 'places']) standin.createCollection(name)
  db = connect(standin)
})
afterAll(() => standin.close())
beforeEach(() => standin.reset())
afterEach(() => Object.assign(standin.limits, DEFAULT_LIMITS))

const posts = () => db.collection('posts')

describe('latency', () => {
  test('every request waits half its latency before it is handled and half after; jitter varies it; scripts set it by environment', async () => {
    const held: { ms: number; open: () => void }[] = []
    const slow = await startStandin({ latencyMs: 10, jitterMs: 5, sleep: (ms) => new Promise<void>((open) => held.push({ ms, open })) })
    try {
      slow.createCollection('posts')
      const written = connect(slow).collection('posts').add({ _id: 'x', n: 1 })
      await until(() => held.length === 1)
      expect(slow.collections().get('posts')?.has('x') ?? false).toBe(false)
      held[0].open()
      await until(() => held.length === 2)
      expect(slow.collections().get('posts')!.has('x')).toBe(true)
      held[1].open()
      await written
      expect(held[1].ms).toBe(held[0].ms)
      for (let i = 0; i < 20; i++) {
        const read = connect(slow).collection('posts').doc('x').get()
        await until(() => held.length === 2 * i + 3)
        held[2 * i + 2].open()
        await until(() => held.length === 2 * i + 4)
        held[2 * i + 3].open()
        await read
      }
      const delays = held.map((h) => h.ms * 2)
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(5)
      expect(Math.max(...delays)).toBeLessThanOrEqual(15)
      expect(new Set(delays).size).toBeGreaterThan(1)
    } finally {
      held.forEach((h) => h.open())
      await slow.close()
    }
    expect(limitsFromEnv({ LANTIAN_STANDIN_LATENCY_MS: '10', LANTIAN_STANDIN_JITTER_MS: '5' })).toEqual({ latencyMs: 10, jitterMs: 5 })
    expect(() => limitsFromEnv({ LANTIAN_STANDIN_LATENCY_MS: 'ten' })).toThrow(/LANTIAN_STANDIN_LATENCY_MS/)
  })

  test('requests over the concurrent limit are refused, counted over their whole round trip', async () => {
    const held: (() => void)[] = []
    const busy = await startStandin({ latencyMs: 10, maxConcurrentRequests: 2, sleep: () => new Promise<void>((open) => held.push(open)) })
    try {
      busy.createCollection('posts')
      const coll = connect(busy).collection('posts')
      const reads = [1, 2, 3].map((i) => coll.doc(`d${i}`).get().then(() => 'ok', (e: { code?: string }) => e.code))
      await until(() => held.length === 3)
      held.splice(0).forEach((open) => open())
      await until(() => held.length === 3)
      held.splice(0).forEach((open) => open())
      expect((await Promise.all(reads)).sort()).toEqual(['EXCEED_CONCURRENT_REQUEST_LIMIT', 'ok', 'ok'])
      const again = coll.doc('d1').get()
      await until(() => held.length === 1)
      held.splice(0)[0]()
      await until(() => held.length === 1)
      held.splice(0)[0]()
      expect((await again).data).toEqual([])
    } finally {
      held.forEach((open) => open())
      await busy.close()
    }
  })
})

describe('transactions', () => {
  test('a write to a document another open transaction wrote fails at once as a conflict, which runTransaction retries 3 times, then throws', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const holder = await db.startTransaction()
    await holder.collection('posts').doc('p1').update({ n: 2 })
    let attempts = 0
    await expect(
      db.runTransaction(async (tx: Tx) => {
        attempts++
        await tx.collection('posts').doc('p1').update({ n: 3 })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(attempts).toBe(4)
    await holder.commit()
    await db.runTransaction(async (tx: Tx) => tx.collection('posts').doc('p1').update({ n: 4 }))
    expect((await posts().doc('p1').get()).data[0].n).toBe(4)
  })

  test('a transaction not committed within its lifetime is aborted: its locks go, its commit fails, nothing of it lands', async () => {
    standin.limits.transactionLifetimeMs = 100
    await posts().add({ _id: 'p1', n: 1 })
    const slow = await db.startTransaction()
    await slow.collection('posts').doc('p1').update({ n: 2 })
    await slow.collection('posts').add({ _id: 'p2', n: 2 })
    await new Promise((r) => setTimeout(r, 150))
    await posts().doc('p1').update({ n: 3 })
    await expect(slow.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/lifetime of 100 ms/) })
    expect([...standin.collections().get('posts')!.values()]).toEqual([{ _id: 'p1', n: 3 }])
  })

  test('a transaction is limited in size and, when set, in writes; going over aborts it whole', async () => {
    standin.limits.maxTransactionBytes = 64 * 1024
    const big = 'x'.repeat(40 * 1024)
    await expect(
      db.runTransaction(async (tx: Tx) => {
        await tx.collection('posts').add({ _id: 'a', big })
        await tx.collection('posts').add({ _id: 'b', big })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/TransactionTooLarge/) })
    expect(standin.collections().get('posts')?.size ?? 0).toBe(0)

    standin.limits.maxTransactionWrites = 3
    await expect(
      db.runTransaction(async (tx: Tx) => {
        for (const id of ['a', 'b', 'c', 'd']) await tx.collection('posts').add({ _id: id })
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/at most 3 writes/) })
    expect(standin.collections().get('posts')?.size ?? 0).toBe(0)
  })
})

describe('collections and indexes', () => {
  test('a collection that was never created is an error, in and out of transactions; wx-server-sdk shows it as -502005', async () => {
    const missing = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: expect.stringMatching(/Db or Table not exist/) }
    await expect(db.collection('nope').add({ n: 1 })).rejects.toMatchObject(missing)
    await expect(db.collection('nope').where({ n: 1 }).get()).rejects.toMatchObject(missing)
    await expect(db.collection('nope').count()).rejects.toMatchObject(missing)
    await expect(db.runTransaction(async (tx: Tx) => tx.collection('nope').doc('a').get())).rejects.toMatchObject(missing)
    expect(standin.schema().has('nope')).toBe(false)

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    cloud.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: standin.url })
    await expect(cloud.database().collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })
  })

  test('geoNear, in a query or as an aggregate stage, needs a 2dsphere index on the field; geoWithin does not', async () => {
    const { Point } = db.Geo
    const _ = db.command
    const places = db.collection('places')
    await places.add({ _id: 'a', loc: new Point(103.41, 24.41) })
    const here = new Point(103.4, 24.4)
    const noIndex = { code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/unable to find index for \$geoNear query/) }
    await expect(places.where({ loc: _.geoNear({ geometry: here, maxDistance: 5000 }) }).get()).rejects.toMatchObject(noIndex)
    await expect(places.aggregate().geoNear({ distanceField: 'd', spherical: true, near: here, key: 'loc' }).end()).rejects.toMatchObject(noIndex)
    expect((await places.where({ loc: _.geoWithin({ centerSphere: [here, 5000 / 6378100] }) }).get()).data).toHaveLength(1)

    standin.createIndex('places', { name: 'loc_geo', keys: [['loc', '2dsphere']], unique: false })
    expect((await places.where({ loc: _.geoNear({ geometry: here, maxDistance: 5000 }) }).get()).data).toHaveLength(1)
    const [near] = (await places.aggregate().geoNear({ distanceField: 'd', spherical: true, near: here }).end()).data
    expect(near.d).toBeGreaterThan(1000)
    standin.dropIndex('places', 'loc_geo')
  })

  test('a unique index cannot be created over data that breaks it', async () => {
    await posts().add([{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }])
    expect(() => standin.createIndex('posts', { name: 'k_asc', keys: [['k', 1]], unique: true })).toThrow(/duplicate key/)
    expect(standin.schema().get('posts')!.map((i) => i.name)).toEqual(['_id_'])
  })
})

describe('reads and sizes', () => {
  test('a get returns 100 documents without a limit and at most 1,000 with one; an aggregate 20 without $limit', async () => {
    const docs = Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}`, i }))
    for (let i = 0; i < docs.length; i += 400) await posts().add(docs.slice(i, i + 400))
    expect((await posts().get()).data).toHaveLength(100)
    expect((await posts().limit(5000).get()).data).toHaveLength(1000)
    expect((await posts().skip(1000).limit(1000).get()).data).toHaveLength(200)
    expect((await posts().aggregate().match({}).end()).data).toHaveLength(20)
    expect((await posts().aggregate().match({}).limit(5000).end()).data).toHaveLength(1200)
  })

  test('a document over 16 MB and a request over the request limit are refused', async () => {
    const huge = 'x'.repeat(16 * 1024 * 1024)
    await expect(posts().add({ _id: 'big', huge })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/BSONObjectTooLarge/) })
    await posts().add({ _id: 'small', s: '' })
    await expect(posts().doc('small').update({ s: huge })).rejects.toMatchObject({ message: expect.stringMatching(/BSONObjectTooLarge/) })
    expect(standin.collections().get('posts')!.get('small')).toEqual({ _id: 'small', s: '' })

    standin.limits.maxRequestBytes = 1024 * 1024
    await expect(posts().add({ _id: 'mid', s: 'x'.repeat(1024 * 1024) })).rejects.toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE' })
    expect(standin.collections().get('posts')!.has('mid')).toBe(false)
  })
})
