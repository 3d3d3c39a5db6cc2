/** `npm run rotate-key`'s work on both stores: resumable, racing the app, claims kept, every value under the new key. */
import { randomBytes } from 'node:crypto'
import { createKeyRingCipher } from '../../server/adapters/node-cipher'
import type { Cipher, Deps, FileStore, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { submitApplication } from '../../server/usecases/applicant/submit-application'
import { rotateKeys } from '../../server/usecases/keys/rotate-keys'
import { householdOf } from '../../server/usecases/shared/claim-keys'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import type { Actor } from '../../src/domain'
import { contractStores } from '../contract/stores'
import { call, checkedSubmission, MORE_ID_NUMBERS, seedTestUnits, TestClock } from '../support/deps'
import { householdRecord } from '../support/household-records'

const { factories } = contractStores()
const K1 = randomBytes(32)
const K2 = randomBytes(32)
const AUDIT = randomBytes(32)
const ring = (current: number, versions: [number, Buffer][]) => createKeyRingCipher({ data: { current, keys: new Map(versions) }, audit: AUDIT })
const worker = (n: number): Actor => ({ openid: `o-w${n}`, roles: ['worker'] })
const IDS = ['532504199001011238', ...MORE_ID_NUMBERS.slice(0, 4)]

describe.each(factories)('key rotation: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  const depsWith = (cipher: Cipher): Deps => ({ store, clock: new TestClock(), ids: randomIds, cipher, settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore })
  beforeEach(async () => {
    ;({ store, close } = open())
    await seedTestUnits(store)
  })
  afterEach(() => close())

  /** Every stored sealed value and keyed hash, with the version it names. */
  async function storedVersions(cipher: Cipher): Promise<number[]> {
    const out: number[] = []
    for (const kind of ['applications', 'households'] as const) {
      const { items } = await store.repos[kind].underOldKey(99, 100)
      for (const r of items) {
        const a = r as unknown as Record<string, unknown>
        for (const f of ['idNumberEnc', 'idNumberHash', 'phoneEnc', 'formSealed']) if (a[f]) out.push(cipher.keyVersionOf(a[f] as string))
        for (const h of (a.memberIdHashes as string[] | undefined) ?? []) out.push(cipher.keyVersionOf(h))
      }
    }
    return out
  }

  test('stopped after a batch and run again, it leaves nothing under key 1; the app reads and checks duplicates throughout', async () => {
    const old = depsWith(ring(1, [[1, K1]]))
    for (let i = 0; i < 3; i++) await submitApplication(old, worker(i), checkedSubmission({ idNumber: IDS[i], memberIds: [IDS[i + 1] === IDS[1] ? IDS[4] : MORE_ID_NUMBERS[5]] }), call())
    const idNumber = '532504196208080050'
    await store.transaction(async (repos) => {
      await repos.households.insert(householdRecord('h1', { unitId: 'unit-root', idNumberEnc: old.cipher.encrypt(idNumber), idNumberHash: old.cipher.keyedHash(idNumber) }))
      await repos.claims.create(householdOf(old.cipher.keyedHash(idNumber)), 'h1')
    })
    expect(new Set(await storedVersions(old.cipher))).toEqual(new Set([1]))

    const rotated = depsWith(ring(2, [[1, K1], [2, K2]]))
    let batches = 0
    const first = await rotateKeys(rotated, { batch: 1, shouldStop: () => batches >= 2, onProgress: () => batches++ })
    expect(first).toMatchObject({ toVersion: 2, rewritten: 2, stopped: true })
    expect(first.remaining).toBe(2)

    // A container that has not read the new key yet keeps writing under key 1; the one that has reads both.
    const late = submitApplication(old, worker(7), checkedSubmission({ idNumber: IDS[3], memberIds: [] }), call())
    const [, during] = await Promise.all([late, rotateKeys(rotated, { batch: 1 })])
    expect(during.stuck).toEqual([])
    // What the late container wrote meanwhile is left under key 1 and taken by the next run.
    const final = await rotateKeys(rotated)
    expect(final).toMatchObject({ remaining: 0, stuck: [], stopped: false })
    expect((await store.repos.applications.underOldKey(2, 10)).remaining).toBe(0)

    // Key 1 can go: a cipher holding key 2 alone opens every value.
    const onlyNew = ring(2, [[2, K2]])
    const { items } = await store.repos.applications.underOldKey(3, 10)
    expect(items).toHaveLength(4)
    expect(items.map((r) => onlyNew.decrypt(r.idNumberEnc)).sort()).toEqual([IDS[0], IDS[1], IDS[2], IDS[3]].sort())
    const h1 = await store.repos.households.get('h1')
    expect(onlyNew.decrypt(h1!.idNumberEnc)).toBe(idNumber)
    expect(h1!.idNumberHash).toBe(onlyNew.keyedHash(idNumber))
    expect(await store.repos.claims.get(householdOf(onlyNew.keyedHash(idNumber)))).toMatchObject({ holder: 'h1' })
    expect(await store.repos.claims.get(householdOf(old.cipher.keyedHash(idNumber)))).toBeNull()

    // The claims moved with the hashes: the same ID number is still refused under key 2 alone.
    await expect(submitApplication(depsWith(onlyNew), worker(9), checkedSubmission({ idNumber: IDS[0], memberIds: [] }), call())).rejects.toMatchObject({ code: 'CONFLICT', field: 'form.applicant.idNumber' })
    expect(await findAuditBreak(store.repos, onlyNew)).toBeNull()
  })

  test('during a rotation a container with both keys finds a number claimed under the old one', async () => {
    const old = depsWith(ring(1, [[1, K1]]))
    await submitApplication(old, worker(1), checkedSubmission({ idNumber: IDS[0], memberIds: [] }), call())
    const both = depsWith(ring(2, [[1, K1], [2, K2]]))
    await expect(submitApplication(both, worker(2), checkedSubmission({ idNumber: IDS[0], memberIds: [] }), call())).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
