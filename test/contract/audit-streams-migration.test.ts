/**
 * CloudBase's data migration 004-audit-streams on the stand-in, through the real SDK: the log of
 * the release before (one chain, `_id` the zero-padded seq, a `head` hint) becomes the `legacy`
 * stream with its events and hashes unchanged; new events then chain per record beside it, and
 * the verifier checks both. Run twice, it changes nothing the second time.
 */
import { randomBytes } from 'node:crypto'
import { verifyAudit } from '../../scripts/audit-verify'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { auditStreams } from '../../server/adapters/cloudbase/migrations/004-audit-streams'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import { createCipher } from '../../server/adapters/node-cipher'
import { appendAudit, auditHash, GENESIS, LEGACY_STREAM } from '../../server/usecases/shared/audit'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'

const cipher = createCipher(randomBytes(32))
let standin: Standin
beforeAll(async () => {
  standin = await startDeployedStandin()
  useStandin(standin)
})
afterAll(() => standin.close())

/** Three events as the old adapter stored them, and its head hint. */
async function oldLog(): Promise<void> {
  let prevHash = GENESIS
  for (let seq = 1; seq <= 3; seq++) {
    const base = { seq, at: `2026-03-01T02:00:0${seq}.000Z`, actor: 'o-admin', action: 'unit.rename', subject: 'unit-x', detail: { version: seq }, prevHash }
    const hash = auditHash(cipher, { stream: LEGACY_STREAM, ...base })
    await getDb().collection('audit_events').add({ _id: String(seq).padStart(12, '0'), ...base, hash })
    prevHash = hash
  }
  await getDb().collection('audit_events').doc('head').set({ headSeq: 3, headHash: prevHash })
}

test('the one chain becomes the legacy stream; new events chain per record; a second run changes nothing', async () => {
  await oldLog()
  expect(await auditStreams.run({ db: getDb() })).toEqual({ changed: 4 })
  expect(await auditStreams.run({ db: getDb() })).toEqual({ changed: 0 })
  const store = createCloudbaseStore()
  expect(await store.repos.audit.head(LEGACY_STREAM)).toMatchObject({ seq: 3 })
  expect(await verifyAudit(store.repos, cipher)).toEqual({ ok: true, count: 3, streams: 1, lastAnchor: null })
  for (let v = 1; v <= 2; v++) await store.transaction((r) => appendAudit(r, cipher, new Date(), { actor: 'o-admin', action: 'unit.rename', subject: 'unit-x', detail: { version: 3 + v } }))
  expect(await verifyAudit(store.repos, cipher)).toEqual({ ok: true, count: 5, streams: 2, lastAnchor: null })
  expect(standin.collections().get('audit_events')!.has('head')).toBe(false)
  await getDb().collection('audit_events').doc('000000000002').update({ actor: 'someone-else' })
  expect(await verifyAudit(store.repos, cipher)).toEqual({ ok: false, stream: LEGACY_STREAM, seq: 2, reason: 'event changed' })
})
