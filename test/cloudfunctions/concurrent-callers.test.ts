/**
 * The load harness's way of giving each concurrent call its own OPENID in one process: the
 * applicant function's CloudBase entry (the code its bundle is built from), called by many
 * workers at once against the stand-in with latency, each identified only by `WX_OPENID`.
 */
import { asCaller, installPerCallEnv } from '../../scripts/load/caller-identity'
import { startBenchEnvironment, type BenchEnvironment } from '../../scripts/load/harness'
import { main } from '../../server/cloud/entries/applicant'
import { formValues } from '../support/deps'

let env: BenchEnvironment
let uninstall: () => void
const saved: Record<string, string | undefined> = {}
const WORKERS = ['o-caller-1', 'o-caller-2', 'o-caller-3', 'o-caller-4', 'o-caller-5', 'o-caller-6']

type ListReply = { ok: boolean; data?: { items: { id: string }[] }; error?: { code: string } }

beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true' })
  env = await startBenchEnvironment({ latencyMs: 4, jitterMs: 4 })
  for (const [k, v] of Object.entries(env.functionEnv)) {
    saved[k] = process.env[k]
    process.env[k] = v
  }
  uninstall = installPerCallEnv()
})
afterAll(async () => {
  uninstall()
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  await env.close()
})

test('calls running at the same time each act as their own OPENID; a call outside any caller has none', async () => {
  const drafts = new Map<string, string>()
  for (const openid of WORKERS) {
    const reply = (await asCaller({ WX_OPENID: openid }, () => main({ action: 'saveDraft', input: { values: formValues(), step: 'applicant' } }))) as { ok: boolean; data: { id: string } }
    expect(reply.ok).toBe(true)
    drafts.set(openid, reply.data.id)
  }
  expect(new Set(drafts.values()).size).toBe(WORKERS.length)

  const before = env.standin.requests.length
  const lists = await Promise.all(WORKERS.flatMap((openid) => [1, 2].map(() => asCaller({ WX_OPENID: openid }, () => main({ action: 'listMine', input: {} }) as Promise<ListReply>))))
  const listRequests = env.standin.requests.slice(before).filter((r) => r.collectionName === 'applications')
  expect(listRequests.length).toBeGreaterThanOrEqual(WORKERS.length * 2)
  lists.forEach((reply, i) => {
    expect(reply.ok).toBe(true)
    expect(reply.data!.items.map((item) => item.id)).toEqual([drafts.get(WORKERS[Math.floor(i / 2)])])
  })
  expect(process.env.WX_OPENID).toBeUndefined()
  expect(((await main({ action: 'listMine', input: {} })) as ListReply).ok).toBe(false)
})
