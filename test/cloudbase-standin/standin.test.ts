import tcb from '@cloudbase/node-sdk'
import { startStandin, type Standin } from '.'

process.env.TENCENTCLOUD = 'true'
process.env.SILENCE = 'true'

let standin: Standin
let db: ReturnType<ReturnType<typeof tcb.init>['database']>

beforeAll(async () => {
  standin = await startStandin()
  for (const name of ['posts', 'apps', 'stations']) standin.createCollection(name)
  standin.createIndex('apps', { name: 'number_asc', keys: [['number', 1]], unique: true })
  standin.createIndex('stations', { name: 'loc_geo', keys: [['loc', '2dsphere']], unique: false })
  db = tcb.init({ env: 'test-env', secretId: 'x', secretKey: 'y', serviceUrl: standin.url }).database()
})
afterAll(() => standin.close())
beforeEach(() => standin.reset())

const posts = () => db.collection('posts')
const seed = async () => {
  for (const [i, title] of ['alpha', 'beta', 'gamma', 'delta', 'Hello'].entries()) {
    await posts().add({ _id: `p${i + 1}`, title, n: i + 1, tags: i % 2 ? ['odd'] : ['even'] })
  }
}

describe('CloudBase stand-in driven by the real node-sdk', () => {
  test('add returns the id; a duplicate _id is an error reply the SDK throws', async () => {
    const { id } = await posts().add({ title: 'x', when: new Date(1700000000000), created: db.serverDate() })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const { data } = await posts().doc(id!).get()
    expect(data[0].when).toEqual(new Date(1700000000000))
    expect(data[0].created).toBeInstanceOf(Date)
    await posts().add({ _id: 'same', n: 1 })
    await expect(posts().add({ _id: 'same', n: 2 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    expect((await posts().doc('same').get()).data[0].n).toBe(1)
  })

  test('an update with an object value goes in as dotted paths: refused through a null field, as MongoDB does; _.set writes it whole', async () => {
    await posts().add({ _id: 'nul', draft: null, kept: { a: 1, b: 2 } })
    await expect(posts().where({ _id: 'nul' }).update({ draft: { step: 'x' } })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await posts().where({ _id: 'nul' }).update({ draft: db.command.set({ step: 'x' }), kept: { a: 3 } })
    expect((await posts().doc('nul').get()).data[0]).toMatchObject({ draft: { step: 'x' }, kept: { a: 3, b: 2 } })
  })

  test('where, orderBy, skip, limit, field and count', async () => {
    await seed()
    const _ = db.command
    const page = await posts().where({ n: _.gte(2) }).orderBy('n', 'desc').skip(1).limit(2).field({ title: true }).get()
    expect(page.data).toEqual([{ _id: 'p4', title: 'delta' }, { _id: 'p3', title: 'gamma' }])
    expect((await posts().where({ tags: 'odd' }).count()).total).toBe(2)
    expect((await posts().where({ title: db.RegExp({ regexp: '^h', options: 'i' }) }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['p5'])
    expect((await posts().where(_.or([{ n: 1 }, { n: _.gt(4) }])).count()).total).toBe(2)
  })

  test('update with _.inc and _.push, where().update on many, and remove', async () => {
    await seed()
    const _ = db.command
    const one = await posts().doc('p1').update({ n: _.inc(10), tags: _.push('new'), 'meta.seen': true })
    expect(one.updated).toBe(1)
    expect((await posts().doc('p1').get()).data[0]).toMatchObject({ n: 11, tags: ['even', 'new'], meta: { seen: true } })
    expect((await posts().where({ n: _.lt(4) }).update({ flag: 1 })).updated).toBe(2)
    expect((await posts().where({ flag: 1 }).update({ flag: 1 })).updated).toBe(0)
    expect((await posts().doc('missing').update({ n: 1 })).updated).toBe(0)
    expect((await posts().where({ flag: 1 }).remove()).deleted).toBe(2)
    expect((await posts().count()).total).toBe(3)
  })

  test('set replaces a document or creates it', async () => {
    await posts().add({ _id: 'p1', a: 1, b: 2 })
    expect((await posts().doc('p1').set({ a: 3 })).updated).toBe(1)
    expect((await posts().doc('p1').get()).data[0]).toEqual({ _id: 'p1', a: 3 })
    const created = await posts().doc('p9').set({ z: 1 })
    expect(created).toMatchObject({ updated: 0, upsertedId: 'p9' })
  })

  test('a transaction is invisible until commit, then all its writes land', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const tx = await db.startTransaction()
    await tx.collection('posts').doc('p1').update({ n: db.command.inc(1) })
    await tx.collection('posts').add({ _id: 'p2', n: 5 })
    expect((await tx.collection('posts').doc('p1').get()).data).toMatchObject({ n: 2 })
    expect((await posts().doc('p1').get()).data[0].n).toBe(1)
    expect((await posts().doc('p2').get()).data).toEqual([])
    await tx.commit()
    expect((await posts().doc('p1').get()).data[0].n).toBe(2)
    expect((await posts().doc('p2').get()).data[0].n).toBe(5)
  })

  test('runTransaction rolls back every write when the callback throws', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const boom = new Error('boom')
    await expect(
      db.runTransaction(async (tx: { collection(name: string): ReturnType<typeof db.collection> }) => {
        await tx.collection('posts').doc('p1').set({ n: 100 })
        await tx.collection('posts').add({ _id: 'p2' })
        await tx.collection('posts').doc('p1').remove()
        throw boom
      }),
    ).rejects.toBe(boom)
    expect([...standin.collections().get('posts')!.values()]).toEqual([{ _id: 'p1', n: 1 }])
  })

  test('first writer wins: a second transaction writing the same document fails; a snapshot read stays stable', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const a = await db.startTransaction()
    const b = await db.startTransaction()
    await a.collection('posts').doc('p1').update({ n: 2 })
    await expect(b.collection('posts').doc('p1').update({ n: 3 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    const c = await db.startTransaction()
    expect((await c.collection('posts').doc('p1').get()).data.n).toBe(1)
    await a.commit()
    expect((await c.collection('posts').doc('p1').get()).data.n).toBe(1)
    await expect(c.collection('posts').doc('p1').remove()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect((await posts().doc('p1').get()).data[0].n).toBe(2)
  })

  test('the snapshot is taken at the first operation, not at start, as in MongoDB', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const early = await db.startTransaction()
    await posts().doc('p1').update({ n: 2 })
    expect((await early.collection('posts').doc('p1').get()).data.n).toBe(2)
    await early.collection('posts').doc('p1').update({ n: 3 })
    await early.commit()
    expect((await posts().doc('p1').get()).data[0].n).toBe(3)
  })

  test('a write outside transactions waits for the lock, then runs after the commit', async () => {
    await posts().add({ _id: 'p1', n: 1 })
    const tx = await db.startTransaction()
    await tx.collection('posts').doc('p1').update({ n: db.command.inc(1) })
    const outside = posts().doc('p1').update({ n: db.command.inc(10) })
    await new Promise((r) => setTimeout(r, 100))
    await tx.commit()
    expect((await outside).updated).toBe(1)
    expect((await posts().doc('p1').get()).data[0].n).toBe(12)
  })

  test('only document operations are allowed inside a transaction', async () => {
    const tx = await db.startTransaction()
    await expect(tx.collection('posts').where({ n: 1 }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    await tx.rollback(undefined)
    expect(standin.requests.filter((r) => r.transactionId).map((r) => r.queryType)).toEqual(['WHERE'])
  })

  test('unique indexes reject violating writes, also at commit', async () => {
    await db.collection('apps').add({ _id: 'a', number: 'MLS-1' })
    await expect(db.collection('apps').add({ _id: 'b', number: 'MLS-1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await db.collection('apps').add({ _id: 'b', number: 'MLS-2' })
    await expect(db.collection('apps').doc('b').update({ number: 'MLS-1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    const tx = await db.startTransaction()
    await tx.collection('apps').add({ _id: 'c', number: 'MLS-3' })
    await db.collection('apps').add({ _id: 'd', number: 'MLS-3' })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    expect([...standin.collections().get('apps')!.keys()].sort()).toEqual(['a', 'b', 'd'])
  })

  test('a unique key is compared by type and value: a number is not its string, a freed key can be taken', async () => {
    const apps = db.collection('apps')
    await apps.add({ _id: 'a', number: 7 })
    await apps.add({ _id: 'b', number: '7' })
    await apps.add({ _id: 'c' })
    // A missing key counts as null, once.
    await expect(apps.add({ _id: 'd', number: null })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await expect(apps.doc('b').update({ number: 7 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    await apps.doc('a').update({ number: 8 })
    await apps.doc('b').update({ number: 7 })
    // A document keeping its own key is no duplicate of itself.
    await apps.doc('b').update({ other: 1 })
    const tx = await db.startTransaction()
    await tx.collection('apps').doc('a').update({ number: 9 })
    await tx.collection('apps').add({ _id: 'e', number: 8 })
    await tx.commit()
    expect([...standin.collections().get('apps')!].map(([id, d]) => [id, d.number])).toEqual([['a', 9], ['b', 7], ['c', undefined], ['e', 8]])
  })

  test('_id and _.in queries find the named documents that match the rest of the query, in _id order', async () => {
    await seed()
    const _ = db.command
    const byIds = await posts().where({ _id: _.in(['p4', 'p2', 'p9', 'p2', 'p1']) }).get()
    expect(byIds.data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p2', 'p4'])
    const narrowed = await posts().where({ _id: _.in(['p1', 'p2', 'p3']), tags: 'even' }).field({ title: true }).get()
    expect(narrowed.data).toEqual([{ _id: 'p1', title: 'alpha' }, { _id: 'p3', title: 'gamma' }])
    expect((await posts().where({ _id: 'p5', n: 5 }).count()).total).toBe(1)
    expect((await posts().where({ _id: 'p5', n: 4 }).count()).total).toBe(0)
    expect((await posts().where({ _id: _.in(['p1', 'p2']) }).update({ n: 0 })).updated).toBe(2)
    expect((await posts().where({ n: 0 }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p2'])
  })

  test('geo: _.geoNear and _.geoWithin in WHERE, aggregate geoNear and group', async () => {
    const { Point } = db.Geo
    const stations = db.collection('stations')
    await stations.add({ _id: 'near', kind: 'rest', loc: new Point(103.415, 24.41) })
    await stations.add({ _id: 'mid', kind: 'aid', loc: new Point(103.44, 24.41) })
    await stations.add({ _id: 'far', kind: 'aid', loc: new Point(103.9, 24.9) })
    const _ = db.command
    const here = new Point(103.41, 24.41)
    const near = await stations.where({ loc: _.geoNear({ geometry: here, maxDistance: 5000 }) }).get()
    expect(near.data.map((d: { _id: string }) => d._id)).toEqual(['near', 'mid'])
    const within = await stations.where({ loc: _.geoWithin({ centerSphere: [here, 1000 / 6378100] }) }).get()
    expect(within.data.map((d: { _id: string }) => d._id)).toEqual(['near'])
    const agg = await stations.aggregate().geoNear({ distanceField: 'dist', spherical: true, near: here, query: { kind: 'aid' } }).limit(1).end()
    expect(agg.data).toHaveLength(1)
    expect(agg.data[0]._id).toBe('mid')
    expect(agg.data[0].dist).toBeGreaterThan(2900)
    expect(agg.data[0].dist).toBeLessThan(3100)
    const grouped = await stations.aggregate().group({ _id: '$kind', n: db.command.aggregate.sum(1) }).sort({ _id: 1 }).end()
    expect(grouped.data).toEqual([{ _id: 'aid', n: 2 }, { _id: 'rest', n: 1 }])
  })

  test('a request without an authorization header is refused', async () => {
    const res = await fetch(`${standin.url}?env=test-env`, { method: 'POST', body: JSON.stringify({ action: 'database.getDocument' }) })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ code: 'MISSING_CREDENTIALS' })
  })
})
