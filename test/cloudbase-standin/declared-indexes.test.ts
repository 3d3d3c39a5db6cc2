/**
 * The ledger's ordered reads through the real node-sdk and the CloudBase adapter against the
 * deployed stand-in: `approvedUnder` pages are read along the declared index (unitPath, status,
 * paidOn, _id), the one `npm run deploy` creates, and are the pages testing every entry gives,
 * also after decisions, a rolled-back transaction and new entries between the pages.
 */
import { find } from 'mingo'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import type { Store } from '../../server/ports'
import type { DisbursementEntry } from '../../src/domain/ledger'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { paymentEntry } from '../support/household-records'
import type { Standin } from '.'

const PAID_ON_INDEX = 'unitPath_asc_status_asc_paidOn_asc__id_asc'
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']
const PATHS: Record<string, string[]> = { u1: ['u1'], u2: ['u1', 'u2'], u3: ['u1', 'u3'], u4: ['u1', 'u2', 'u4'] }
const DECISION = { status: 'approved' as const, by: 'o-reviewer', byName: '周敏', at: '2026-03-05T00:00:00.000Z', note: '' }

let standin: Standin
let store: Store
beforeAll(async () => {
  standin = await startDeployedStandin()
  useStandin(standin)
  store = createCloudbaseStore()
})
afterAll(async () => {
  await store.close()
  await standin.close()
})

/** Entry `i`: its unit, day and status cycle at different rates, so days tie and units interleave. */
function entry(i: number): DisbursementEntry & { unitPath: string[] } {
  const unitId = Object.keys(PATHS)[i % 4]
  const base = paymentEntry(`e${String((i * 7919) % 1000).padStart(3, '0')}`, { unitId, householdId: `h${i % 5}`, paidOn: DAYS[(i * 3) % DAYS.length] })
  return { ...base, ...(i % 3 === 0 ? { status: 'pending' as const, decision: null } : {}), unitPath: PATHS[unitId] }
}

/** What testing every stored entry gives: the approved entries under `unit` within the days, by day paid and id. */
function expected(unit: string, range: { from?: string; to?: string }): string[] {
  const docs = [...standin.collections().get('disbursements')!.values()]
  const days = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) }
  return find(docs, { unitPath: unit, status: 'approved', ...(range.from || range.to ? { paidOn: days } : {}) })
    .sort({ paidOn: 1, _id: 1 })
    .all()
    .map((d) => String((d as { _id: unknown })._id))
}

/** Every page of `approvedUnder`, each read from where the last ended. */
async function allPages(unit: string, range: { from?: string; to?: string }, size: number, between: () => Promise<void> = async () => undefined): Promise<string[]> {
  const out: DisbursementEntry[] = []
  for (;;) {
    const last = out.at(-1)
    const page = await store.repos.ledger.approvedUnder(unit, range, last ? { paidOn: last.paidOn, id: last.id } : null, size)
    out.push(...page)
    if (page.length < size) return out.map((e) => e.id)
    await between()
  }
}

const ledgerReads = () => standin.requests.filter((r) => r.collectionName === 'disbursements' && r.action === 'database.getDocument' && r.queryType === 'WHERE')

test('approvedUnder pages are read along the declared (unitPath, status, paidOn, _id) index and are the scan’s pages', async () => {
  const db = getDb()
  for (let i = 0; i < 120; i++) {
    const { id, ...e } = entry(i)
    await db.collection('disbursements').add({ _id: id, ...e })
  }
  standin.requests.length = 0
  for (const unit of ['u1', 'u2', 'u4']) {
    for (const range of [{}, { from: '2026-03-02' }, { to: '2026-03-03' }, { from: '2026-03-02', to: '2026-03-02' }]) {
      for (const size of [1, 7, 50]) expect(await allPages(unit, range, size)).toEqual(expected(unit, range))
    }
  }
  expect(expected('u1', {}).length).toBe(80)
  const reads = ledgerReads()
  expect(reads.length).toBeGreaterThan(100)
  // Both of its reads (the rest of a day by _id, the days after by paidOn and _id) go through the index.
  expect(reads.filter((r) => r.index !== PAID_ON_INDEX)).toEqual([])
  expect(await store.repos.ledger.countApprovedUnder('u2', { from: '2026-03-02' })).toBe(expected('u2', { from: '2026-03-02' }).length)
  expect(standin.requests.at(-1)).toMatchObject({ action: 'database.calculateDocument', index: PAID_ON_INDEX })
})

test('writes between the pages: decisions, a rolled-back transaction and new entries are read as the scan reads them', async () => {
  standin.reset()
  const db = getDb()
  for (let i = 0; i < 60; i++) {
    const { id, ...e } = entry(i)
    await db.collection('disbursements').add({ _id: id, ...e })
  }
  const pending = [...standin.collections().get('disbursements')!.values()].filter((d) => d.status === 'pending').map((d) => String(d._id))
  let step = 0
  const between = async () => {
    step++
    if (step % 3 === 0 && pending.length > 0) expect(await store.repos.ledger.decide(pending.shift()!, DECISION)).toBe(true)
    if (step % 3 === 1 && pending.length > 0) {
      const boom = new Error('rolled back')
      await expect(
        store.transaction(async (repos) => {
          await repos.ledger.decide(pending[0], DECISION)
          throw boom
        }),
      ).rejects.toBe(boom)
    }
    if (step % 3 === 2) {
      const { id: _id, ...e } = entry(100 + step)
      await db.collection('disbursements').add({ ...e, _id: `n${step}`, status: 'approved', paidOn: DAYS[step % DAYS.length] })
    }
  }
  // Pages read while writes land are not one snapshot: what the reads give is compared with the scan after every write stops.
  const seen = await allPages('u1', {}, 4, between)
  expect(step).toBeGreaterThan(5)
  expect(new Set(seen).size).toBe(seen.length)
  expect(await allPages('u1', {}, 4)).toEqual(expected('u1', {}))
  expect(await allPages('u2', { from: '2026-03-02' }, 3)).toEqual(expected('u2', { from: '2026-03-02' }))
  expect(ledgerReads().filter((r) => r.index !== PAID_ON_INDEX)).toEqual([])
})
