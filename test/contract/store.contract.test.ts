import type { ApplicationRecord, AuditEvent, OrgUnitRecord, PolicyRecord, StaffRecord, Store } from '../../server/ports'
import { contractStores } from './stores'
import { HEAD_HINT_EVERY } from '../../server/adapters/cloudbase/audit-repository'

const { factories, standin } = contractStores()

const app = (over: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  id: 'app-1',
  number: `MLS-2026-${over.id ?? 'app-1'}`,
  applicantOpenid: 'alice',
  unitId: 'unit-root',
  status: 'submitted',
  version: 1,
  name: '张小明',
  idNumberEnc: 'v1.enc-id',
  idNumberHash: 'hash-id',
  phoneEnc: 'v1.enc-phone',
  employer: '弥勒市农机厂',
  mainCause: 'illness',
  timeline: [{ at: '2026-03-02T02:00:00.000Z', status: 'submitted' }],
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  ...over,
})

const event = (seq: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  stream: 'application:app-1',
  seq,
  at: `2026-03-02T02:00:0${seq}.000Z`,
  actor: 'alice',
  action: 'application.submit',
  subject: `app-${seq}`,
  detail: { number: `MLS-2026-00000${seq}`, nested: { fields: ['phone'] } },
  prevHash: seq === 1 ? '0'.repeat(64) : `hash-${seq - 1}`,
  hash: `hash-${seq}`,
  ...over,
})

const at = (minute: number) => `2026-03-02T02:${String(minute).padStart(2, '0')}:00.000Z`

describe.each(factories)('Store contract: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  describe('applications', () => {
    test('insert then get returns exactly the record; a missing id is null', async () => {
      const rec = app({ timeline: [{ at: at(0), status: 'submitted' }, { at: at(1), status: 'returned', note: '请补充材料' }] })
      await store.repos.applications.insert(rec)
      expect(await store.repos.applications.get('app-1')).toEqual(rec)
      expect(await store.repos.applications.get('nope')).toBeNull()
    })

    test('a second insert with the same id or number fails', async () => {
      await store.repos.applications.insert(app())
      // Not toThrow(): a native module's errors may come from another jest realm, failing instanceof Error.
      await expect(store.repos.applications.insert(app({ number: 'MLS-2026-000009' }))).rejects.toHaveProperty('message')
      await expect(store.repos.applications.insert(app({ id: 'app-2', number: 'MLS-2026-app-1' }))).rejects.toHaveProperty('message')
      expect((await store.repos.applications.get('app-1'))?.number).toBe('MLS-2026-app-1')
      expect(await store.repos.applications.get('app-2')).toBeNull()
    })

    test('listByApplicant pages newest first and counts only that applicant', async () => {
      for (let i = 1; i <= 5; i++) await store.repos.applications.insert(app({ id: `a${i}`, createdAt: at(i) }))
      await store.repos.applications.insert(app({ id: 'b1', applicantOpenid: 'bob', createdAt: at(9) }))
      const page = (offset: number, limit: number) => store.repos.applications.listByApplicant('alice', { offset, limit })
      const ids = async (offset: number, limit: number) => (await page(offset, limit)).items.map((r) => r.id)
      expect(await ids(0, 2)).toEqual(['a5', 'a4'])
      expect(await ids(2, 2)).toEqual(['a3', 'a2'])
      expect(await ids(4, 2)).toEqual(['a1'])
      expect(await page(10, 2)).toEqual({ items: [], total: 5 })
      const first = await page(0, 1)
      expect(first.total).toBe(5)
      expect(first.items[0]).toEqual(app({ id: 'a5', createdAt: at(5) }))
      expect(await store.repos.applications.listByApplicant('carol', { offset: 0, limit: 10 })).toEqual({ items: [], total: 0 })
    })

    test('update writes at the expected version and refuses a stale or missing one', async () => {
      await store.repos.applications.insert(app())
      const screening = app({ status: 'screening', version: 2, updatedAt: at(5), timeline: [...app().timeline, { at: at(5), status: 'screening' }] })
      expect(await store.repos.applications.update(screening, 1)).toBe(true)
      expect(await store.repos.applications.get('app-1')).toEqual(screening)
      expect(await store.repos.applications.update(app({ status: 'rejected', version: 2 }), 1)).toBe(false)
      expect(await store.repos.applications.get('app-1')).toEqual(screening)
      expect(await store.repos.applications.update(app({ id: 'ghost', version: 2 }), 1)).toBe(false)
      expect(await store.repos.applications.get('ghost')).toBeNull()
    })

    test('the full form’s fields round-trip; an update that drops an optional field clears it, in and out of a transaction', async () => {
      const full = app({
        formSealed: 'v1.sealed-form',
        draft: { valuesSealed: 'v1.sealed-values', step: 'members', savedAt: at(1) },
        consent: { privacyVersion: 'p-1', sensitiveVersion: 's-1', financeCheckVersion: 'f-1', agreedAt: at(1) },
        assessment: { category: 'relative', perCapitaMonthlyFen: 120000, rigidExpensesFen: 900000, thresholds: { deepLineFen: 78000, relativeLineFen: 156000, accidentCostPercent: 80 }, reasons: ['低于1560元'] },
        documents: [{ id: 'd1', kind: 'id-card', fileName: '身份证.jpg', contentType: 'image/jpeg', size: 1234, storageKey: 'documents/app-1/d1.jpg', uploadedAt: at(2) }],
        submissions: [{ at: at(3), formSealed: 'v1.sealed-form', changedFields: [] }],
        memberIdHashes: ['h1', 'h2'],
        duplicateFlags: [{ field: 'members.0.idNumber', otherApplicationId: 'app-9', as: 'applicant' }],
        fieldsToFix: ['members.1.idNumber'],
      })
      await store.repos.applications.insert(full)
      expect(await store.repos.applications.get('app-1')).toEqual(full)
      const { draft: _d, fieldsToFix: _f, ...rest } = full
      const submitted = { ...rest, version: 2 }
      expect(await store.repos.applications.update(submitted, 1)).toBe(true)
      expect(await store.repos.applications.get('app-1')).toStrictEqual(submitted)
      const { documents: _docs, ...withoutDocs } = submitted
      expect(await store.transaction((r) => r.applications.update({ ...withoutDocs, version: 3 }, 2))).toBe(true)
      expect(await store.repos.applications.get('app-1')).toStrictEqual({ ...withoutDocs, version: 3 })
    })
  })

  describe('claims', () => {
    test('create holds a key once; release frees it', async () => {
      const { claims } = store.repos
      expect(await claims.get('k')).toBeNull()
      expect(await claims.create('k', 'app-1')).toBe(true)
      expect(await claims.create('k', 'app-2')).toBe(false)
      expect(await claims.get('k')).toEqual({ key: 'k', holder: 'app-1' })
      await claims.release('k')
      expect(await claims.get('k')).toBeNull()
      expect(await claims.create('k', 'app-2')).toBe(true)
      expect(await claims.get('k')).toEqual({ key: 'k', holder: 'app-2' })
      await expect(claims.release('never')).resolves.toBeUndefined()
    })

    test('of concurrent creates of one key exactly one wins', async () => {
      const results = await Promise.all(['h1', 'h2', 'h3', 'h4'].map((h) => store.repos.claims.create('race', h)))
      expect(results.filter(Boolean)).toHaveLength(1)
    })
  })

  describe('counters', () => {
    test('each name counts 1, 2, 3 on its own', async () => {
      const { counters } = store.repos
      expect([await counters.next('a'), await counters.next('a'), await counters.next('a')]).toEqual([1, 2, 3])
      expect(await counters.next('b')).toBe(1)
      expect(await counters.next('a')).toBe(4)
    })

    test('concurrent calls never hand out the same value', async () => {
      const values = await Promise.all(Array.from({ length: 6 }, () => store.repos.counters.next('c')))
      expect([...values].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6])
    })
  })

  describe('idempotency', () => {
    test('get is null until a reply is put, then returns it', async () => {
      const reply = { ok: true, data: { id: 'app-1', number: 'MLS-2026-000001', status: 'submitted', tags: ['a', 'b'] } }
      expect(await store.repos.idempotency.get('r1')).toBeNull()
      await store.repos.idempotency.put('r1', reply, at(1))
      expect(await store.repos.idempotency.get('r1')).toEqual(reply)
      expect(await store.repos.idempotency.get('r2')).toBeNull()
    })
  })

  describe('audit', () => {
    test('append, head and list keep order per stream; a taken seq is refused', async () => {
      const { audit } = store.repos
      const other = (seq: number) => event(seq, { stream: 'household:h-1', hash: `other-${seq}` })
      expect(await audit.head('application:app-1')).toBeNull()
      expect(await audit.append(event(1))).toBe(true)
      expect(await audit.head('application:app-1')).toEqual({ seq: 1, hash: 'hash-1' })
      expect(await audit.append(other(1))).toBe(true)
      expect(await audit.append(event(2))).toBe(true)
      expect(await audit.append(event(2, { actor: 'mallory', hash: 'forged' }))).toBe(false)
      expect(await audit.head('application:app-1')).toEqual({ seq: 2, hash: 'hash-2' })
      expect(await audit.head('household:h-1')).toEqual({ seq: 1, hash: 'other-1' })
      expect(await audit.append(event(3))).toBe(true)
      expect(await audit.list(null, 10)).toEqual([event(1), event(2), event(3), other(1)])
      expect(await audit.list({ stream: 'application:app-1', seq: 1 }, 10)).toEqual([event(2), event(3), other(1)])
      expect(await audit.list(null, 2)).toEqual([event(1), event(2)])
      expect(await audit.list({ stream: 'application:app-1', seq: 3 }, 1)).toEqual([other(1)])
      expect(await audit.list({ stream: 'household:h-1', seq: 1 }, 10)).toEqual([])
    })

    test('heads since a time, by stream; anchors by number, each number once', async () => {
      const { audit } = store.repos
      await audit.append(event(1))
      await audit.append(event(1, { stream: 'station:s-1', at: '2026-03-02T03:00:00.000Z', hash: 's-1' }))
      await audit.append(event(2))
      expect(await audit.headsSince('')).toEqual([
        { stream: 'application:app-1', seq: 2, hash: 'hash-2', at: event(2).at },
        { stream: 'station:s-1', seq: 1, hash: 's-1', at: '2026-03-02T03:00:00.000Z' },
      ])
      expect((await audit.headsSince('2026-03-02T02:30:00.000Z')).map((h) => h.stream)).toEqual(['station:s-1'])
      expect(await audit.lastAnchor()).toBeNull()
      const anchor = (n: number) => ({ n, at: `2026-03-02T0${n}:00:00.000Z`, heads: [{ stream: 'station:s-1', seq: 1, hash: 's-1' }], prevHash: `p${n}`, hash: `a${n}` })
      expect(await audit.addAnchor(anchor(1))).toBe(true)
      expect(await audit.addAnchor(anchor(2))).toBe(true)
      expect(await audit.addAnchor({ ...anchor(2), hash: 'again' })).toBe(false)
      expect(await audit.anchors(1, 10)).toEqual([anchor(1), anchor(2)])
      expect(await audit.anchors(2, 10)).toEqual([anchor(2)])
      expect(await audit.lastAnchor()).toEqual(anchor(2))
    })
  })

  describe('staff and units', () => {
    test('staff put replaces by openid', async () => {
      const s: StaffRecord = { openid: 'o-1', displayName: '李干事', unitId: 'u-1', roles: ['caseworker'], active: true }
      expect(await store.repos.staff.getByOpenid('o-1')).toBeNull()
      await store.repos.staff.put(s)
      expect(await store.repos.staff.getByOpenid('o-1')).toEqual(s)
      const changed = { ...s, roles: ['caseworker', 'reviewer'] as StaffRecord['roles'], active: false }
      await store.repos.staff.put(changed)
      expect(await store.repos.staff.getByOpenid('o-1')).toEqual(changed)
    })

    test('units: get, put replaces, children by parent ordered by id', async () => {
      const unit = (id: string, parentId: string | null, path: string[]): OrgUnitRecord => ({ id, name: `单位${id}`, parentId, path })
      const root = unit('root', null, ['root'])
      const units = [root, unit('t2', 'root', ['root', 't2']), unit('t1', 'root', ['root', 't1']), unit('g1', 't1', ['root', 't1', 'g1'])]
      for (const u of units) await store.repos.units.put(u)
      expect(await store.repos.units.get('root')).toEqual(root)
      expect(await store.repos.units.get('none')).toBeNull()
      expect(await store.repos.units.children(null)).toEqual([root])
      expect((await store.repos.units.children('root')).map((u) => u.id)).toEqual(['t1', 't2'])
      expect(await store.repos.units.children('t1')).toEqual([units[3]])
      expect(await store.repos.units.children('g1')).toEqual([])
      await store.repos.units.put({ ...units[1], name: '新名字' })
      expect((await store.repos.units.get('t2'))?.name).toBe('新名字')
    })
  })

  describe('policies', () => {
    const policy = (over: Partial<PolicyRecord> = {}): PolicyRecord => ({
      unitId: 'u-1',
      dibaoLineFen: 78000,
      publicityDays: 7,
      stageDeadlineDays: { submitted: 5, screening: 10, visiting: 15 },
      subscribeTemplateIds: { statusChanged: 'tmpl-AbC_123-xyz' },
      ...over,
    })

    test('get is null until put; put replaces the whole record', async () => {
      expect(await store.repos.policies.get('u-1')).toBeNull()
      await store.repos.policies.put(policy())
      expect(await store.repos.policies.get('u-1')).toEqual(policy())
      const changed = policy({ dibaoLineFen: 80050, stageDeadlineDays: { verifying: 20 }, subscribeTemplateIds: {} })
      await store.repos.policies.put(changed)
      expect(await store.repos.policies.get('u-1')).toEqual(changed)
      expect(await store.repos.policies.get('u-2')).toBeNull()
    })

    test('a union’s own gradient thresholds round-trip, and a put without them drops them', async () => {
      const own = policy({
        relativeLineFen: 124000,
        accidentCostPercent: 60,
        contactOverdueDays: 60,
        subscribeTemplateFields: { statusChanged: { character_string1: 'number', phrase2: 'status' } },
      })
      await store.repos.policies.put(own)
      expect(await store.repos.policies.get('u-1')).toStrictEqual(own)
      await store.repos.policies.put(policy())
      expect(await store.repos.policies.get('u-1')).toStrictEqual(policy())
    })

    test('puts in a transaction land together or not at all', async () => {
      await store.transaction(async (r) => {
        await r.policies.put(policy())
        await r.policies.put(policy({ unitId: 'u-2', publicityDays: 5 }))
        expect((await r.policies.get('u-2'))?.publicityDays).toBe(5)
      })
      expect((await store.repos.policies.get('u-2'))?.publicityDays).toBe(5)
      const boom = new Error('boom')
      await expect(
        store.transaction(async (r) => {
          await r.policies.put(policy({ publicityDays: 9 }))
          await r.policies.put(policy({ unitId: 'u-3' }))
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(await store.repos.policies.get('u-1')).toEqual(policy())
      expect(await store.repos.policies.get('u-3')).toBeNull()
    })
  })

  describe('transactions', () => {
    test('commit makes every write visible and returns the result', async () => {
      await store.repos.applications.insert(app({ id: 'old' }))
      const result = await store.transaction(async (r) => {
        await r.applications.insert(app())
        expect(await r.applications.get('app-1')).toEqual(app())
        expect(await r.claims.create('open:alice', 'app-1')).toBe(true)
        expect(await r.claims.create('open:alice', 'app-2')).toBe(false)
        expect([await r.counters.next('n'), await r.counters.next('n')]).toEqual([1, 2])
        await r.idempotency.put('req', { ok: true }, at(1))
        expect(await r.audit.head('application:app-1')).toBeNull()
        expect(await r.audit.append(event(1))).toBe(true)
        expect(await r.audit.head('application:app-1')).toEqual({ seq: 1, hash: 'hash-1' })
        expect(await r.audit.append(event(1))).toBe(false)
        expect(await r.applications.update(app({ id: 'old', version: 2 }), 2)).toBe(false)
        expect(await r.applications.update(app({ id: 'old', version: 2, status: 'screening' }), 1)).toBe(true)
        await r.claims.release('gone')
        return 'done'
      })
      expect(result).toBe('done')
      expect(await store.repos.applications.get('app-1')).toEqual(app())
      expect((await store.repos.applications.get('old'))?.status).toBe('screening')
      expect(await store.repos.claims.get('open:alice')).toEqual({ key: 'open:alice', holder: 'app-1' })
      expect(await store.repos.counters.next('n')).toBe(3)
      expect(await store.repos.idempotency.get('req')).toEqual({ ok: true })
      expect(await store.repos.audit.list(null, 10)).toEqual([event(1)])
    })

    test('a throw rolls back every write and is rethrown', async () => {
      await store.repos.counters.next('n')
      await store.repos.applications.insert(app({ id: 'old' }))
      const boom = new Error('boom')
      await expect(
        store.transaction(async (r) => {
          await r.applications.insert(app())
          await r.claims.create('open:alice', 'app-1')
          expect(await r.counters.next('n')).toBe(2)
          await r.applications.update(app({ id: 'old', version: 2, status: 'screening' }), 1)
          await r.audit.append(event(1))
          await r.staff.put({ openid: 'o', displayName: 'x', unitId: 'u', roles: [], active: true })
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(await store.repos.applications.get('app-1')).toBeNull()
      expect(await store.repos.applications.get('old')).toEqual(app({ id: 'old' }))
      expect(await store.repos.claims.get('open:alice')).toBeNull()
      expect(await store.repos.counters.next('n')).toBe(2)
      expect(await store.repos.audit.list(null, 1)).toEqual([])
      expect(await store.repos.staff.getByOpenid('o')).toBeNull()
    })

    test('concurrent transactions on one counter both land, one after the other', async () => {
      const bump = () => store.transaction(async (r) => r.counters.next('seq'))
      const values = await Promise.all([bump(), bump(), bump()])
      expect([...values].sort()).toEqual([1, 2, 3])
      expect(await store.repos.counters.next('seq')).toBe(4)
    })
  })
})

describe('CloudBase layout', () => {
  let store: Store
  beforeEach(() => ({ store } = factories[1][1]()))

  test('documents are keyed by the record id, without an id field; audit _ids are the stream and a zero-padded seq', async () => {
    await store.repos.applications.insert(app())
    await store.repos.audit.append(event(1))
    const raw = standin().collections()
    expect([...raw.get('applications')!.keys()]).toEqual(['app-1'])
    expect(raw.get('applications')!.get('app-1')).not.toHaveProperty('id')
    expect(raw.get('audit_events')!.has('application:app-1#000000000001')).toBe(true)
    // The head hint is written with every HEAD_HINT_EVERY-th event only; head() and headsSince find the newest anyway.
    expect(raw.get('audit_heads')?.get('application:app-1')).toBeUndefined()
    expect(await store.repos.audit.head('application:app-1')).toEqual({ seq: 1, hash: 'hash-1' })
    for (let seq = 2; seq <= HEAD_HINT_EVERY; seq++) await store.repos.audit.append(event(seq, { at: `2026-03-02T02:00:${String(seq).padStart(2, '0')}.000Z` }))
    expect(standin().collections().get('audit_heads')!.get('application:app-1')).toMatchObject({ seq: HEAD_HINT_EVERY, hash: `hash-${HEAD_HINT_EVERY}` })
    await store.repos.audit.append(event(HEAD_HINT_EVERY + 1, { at: '2026-03-02T02:00:30.000Z' }))
    expect(await store.repos.audit.head('application:app-1')).toEqual({ seq: HEAD_HINT_EVERY + 1, hash: `hash-${HEAD_HINT_EVERY + 1}` })
    expect(await store.repos.audit.headsSince('2026-03-02T02:00:20.000Z')).toEqual([
      { stream: 'application:app-1', seq: HEAD_HINT_EVERY + 1, hash: `hash-${HEAD_HINT_EVERY + 1}`, at: '2026-03-02T02:00:30.000Z' },
    ])
  })

  test('the heads since a time read each event once, page by page, even where a page ends among events of the same time', async () => {
    // 1,001 events on three streams: more than one page of 1,000, the last 401 written at one time,
    // so the first page ends among them and the next one starts by _id within that time.
    const streams = ['application:a', 'household:h', 'station:s']
    const same = '2026-03-02T03:00:00.000Z'
    for (let i = 0; i < 1001; i++) {
      const stream = streams[i % 3]!
      const seq = Math.floor(i / 3) + 1
      const at = i < 600 ? `2026-03-02T02:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z` : same
      await store.repos.audit.append(event(seq, { stream, hash: `${stream}-${seq}`, at }))
    }
    const before = standin().requests.length
    const heads = await store.repos.audit.headsSince('2026-03-02T01:00:00.000Z')
    expect(heads).toEqual([
      { stream: 'application:a', seq: 334, hash: 'application:a-334', at: same },
      { stream: 'household:h', seq: 334, hash: 'household:h-334', at: same },
      { stream: 'station:s', seq: 333, hash: 'station:s-333', at: same },
    ])
    // Two pages of events (1,000 and 1): no event read twice, no page per stream.
    expect(standin().requests.slice(before).filter((q) => q.collectionName === 'audit_events').length).toBe(2)
  })

  test('a transaction sends document operations only', async () => {
    await store.transaction(async (r) => {
      await r.applications.insert(app())
      await r.claims.create('k', 'app-1')
      await r.counters.next('n')
      await r.audit.append(await r.audit.head('application:app-1').then((h) => event((h?.seq ?? 0) + 1)))
      await r.applications.update(app({ version: 2 }), 1)
    })
    const inTx = standin().requests.filter((q) => q.transactionId && !q.action.endsWith('Transaction'))
    expect(inTx.length).toBeGreaterThan(8)
    expect(inTx.every((q) => q.queryType === 'DOC' || q.action === 'database.insertDocument')).toBe(true)
  })

  test('query methods refuse to run inside a transaction', async () => {
    await expect(store.transaction((r) => r.applications.listByApplicant('alice', { offset: 0, limit: 1 }))).rejects.toThrow(/not available inside a transaction/)
  })
})
