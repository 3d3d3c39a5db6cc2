/**
 * Filed households on the review fixture's union tree, and calls to the `households` function
 * through the event contract like a client.
 *
 *   unit-a (弥阳街道): caseworkers o-caseworker 李娟, o-caseworker-2 刘洋; reviewer o-reviewer 周敏;
 *                     admin only o-town-admin 王芳
 *   unit-b (新哨镇):   o-b-staff 孙丽 (caseworker and reviewer); admin only o-b-admin 陈刚
 *   unit-root:         o-city-admin 赵强 (admin and reviewer)
 *
 * A household of unit-a's subtree is filed by `walkTo` (unit-a's staff); one of unit-b's by
 * o-b-staff through the same review steps. The city admin has set the city's budgets for the
 * fixture's year and the two after it.
 *
 * The store refuses queries inside transactions, as CloudBase does, so a use case that would
 * work on SQLite only fails here.
 */
import { shanghaiDate, shanghaiYear, type ApiReply } from '../../src/domain'
import { FUND_SOURCE_CODES } from '../../src/domain/household-codes'
import type { HouseholdView } from '../../src/domain/api/households'
import { idCheckChar } from '../../src/domain/id-number'
import { join } from 'node:path'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { handle } from '../../server/functions'
import type { HouseholdRecord, Repositories, Store } from '../../server/ports'
import { tempDir } from './deps'
import { handleUpload } from '../../server/functions/upload'
import { DAY, JPEG, reviewFixture, visitInput, type ReviewFixture } from './review'

/** The repository methods the ports call queries: CloudBase refuses them inside a transaction. */
const QUERIES: { [K in keyof Repositories]?: readonly (keyof Repositories[K])[] } = {
  households: ['listPage', 'countUnder', 'search'],
  measures: ['listByHousehold'],
  ledger: ['listByHousehold', 'approvedUnder', 'countApprovedUnder', 'pendingUnder', 'countPendingUnder'],
  budgets: ['getMany'],
  contacts: ['listByHousehold'],
  staff: ['listByUnits', 'listUnder', 'countUnder'],
  invitations: ['listUnder', 'countUnder'],
  units: ['children', 'childPage', 'subtree', 'spreadPaths', 'getMany'],
  callTasks: ['openUnder', 'countOpenUnder'],
  applications: ['listByApplicant', 'queuePage', 'stageCountsUnder', 'statusCountsUnder', 'byNumber', 'byName', 'noticesEnded', 'noticesUnder', 'countNoticesUnder'],
  audit: ['list'],
}

function withoutQueries(repos: Repositories): Repositories {
  const out = { ...repos }
  for (const [name, methods] of Object.entries(QUERIES) as [keyof Repositories, readonly string[]][]) {
    out[name] = new Proxy(repos[name], {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && methods.includes(prop)) {
          return () => Promise.reject(new Error(`${name}.${prop} is a query: not available inside a transaction`))
        }
        const value = Reflect.get(target, prop, receiver)
        return typeof value === 'function' ? value.bind(target) : value
      },
    }) as never
  }
  return out
}

/** `store`, whose transactions refuse queries like CloudBase's. */
export function cloudbaseLikeTransactions(store: Store): Store {
  return {
    repos: store.repos,
    transaction: (work) => store.transaction((repos) => work(withoutQueries(repos))),
    close: () => store.close(),
  }
}

export interface HouseholdFixture extends ReviewFixture {
  /** Files a household of a new worker in `unitId`; returns the household id and the worker's openid and ID number. */
  file(unitId?: string): Promise<{ id: string; worker: string; idNumber: string }>
  /** A `households` action as `openid`, with a requestId when given. */
  hh<T = HouseholdView>(openid: string, action: string, input?: Record<string, unknown>, requestId?: string): Promise<ApiReply<T>>
  /** The same, throwing unless the reply is ok. */
  ok<T = HouseholdView>(openid: string, action: string, input?: Record<string, unknown>): Promise<T>
  /** The stored record. */
  record(id: string): Promise<HouseholdRecord>
  /** An evidence photo of the household uploaded by `openid` (the local upload route's way); its id. */
  evidence(openid: string, householdId: string): Promise<string>
}

/** Each fund source's budget of the city for the fixture's year: 10 million yuan. */
export const FIXTURE_BUDGET_FEN = 10_000_000 * 100

let people = 0
/** A fresh valid ID number per worker, so each filing is its own household. */
export function nextIdNumber(): string {
  const first17 = `532504197${String(1 + (people % 9))}0202${String(100 + (people++ % 900)).padStart(3, '0')}`
  return first17 + idCheckChar(first17)
}

/**
 * The review fixture, with households and the `households` function: on a fresh SQLite database
 * whose transactions refuse queries, or on `given` (which the caller closes).
 */
export async function householdFixture(given?: Store): Promise<HouseholdFixture> {
  const { dir, cleanup } = tempDir()
  const store = given ?? cloudbaseLikeTransactions(openSqliteStore(join(dir, 'lantian.db')))
  const f = await reviewFixture(store)
  const hh = <T>(openid: string, action: string, input: Record<string, unknown> = {}, requestId?: string) =>
    handle('households', requestId ? { action, input, requestId } : { action, input }, { openid }, f.deps) as Promise<ApiReply<T>>
  const must = <T>(r: ApiReply<T>, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`)
    return r.data
  }
  /** The review steps of `walkTo`, by one member of staff who holds both roles. */
  async function walkBy(openid: string, id: string): Promise<void> {
    const step = async (action: string, input: Record<string, unknown> = {}) => must(await f.act(openid, action, id, input), action)
    await step('startScreening')
    await step('acceptScreening')
    await step('recordVisit', visitInput({ date: shanghaiDate(f.clock.now()) }))
    await step('recordFinanceCheck', { result: 'confirmed' })
    await step('startNotice')
    f.clock.advance(5 * DAY + 1000)
    await step('approveAndFile', { category: 'deep' })
  }
  // The city's budgets, set by its admin: ample, so only budget tests meet their limits; three years,
  // as each filing moves the clock on by days.
  const year = shanghaiYear(f.clock.now())
  for (const y of [year, year + 1, year + 2]) {
    for (const fundSource of FUND_SOURCE_CODES) {
      must(await hh('o-city-admin', 'setBudget', { unitId: 'unit-root', year: y, fundSource, amountFen: FIXTURE_BUDGET_FEN, expectedVersion: 0 }), 'setBudget')
    }
  }
  return {
    ...f,
    close: async () => {
      await f.close()
      if (!given) await store.close()
      cleanup()
    },
    hh,
    ok: async <T>(openid: string, action: string, input: Record<string, unknown> = {}) => must(await hh<T>(openid, action, input), action),
    async file(unitId = 'unit-a1') {
      const worker = `w-h${people}`
      const idNumber = nextIdNumber()
      const appId = await f.submit(worker, unitId, { idNumber, memberIds: [] })
      if (unitId.startsWith('unit-b')) await walkBy('o-b-staff', appId)
      else await f.walkTo(appId, 'filed')
      const app = await f.deps.store.repos.applications.get(appId)
      return { id: app!.householdId!, worker, idNumber }
    },
    async record(id) {
      const rec = await f.deps.store.repos.households.get(id)
      if (!rec) throw new Error(`no household ${id}`)
      return rec
    },
    async evidence(openid, householdId) {
      return must((await handleUpload({ purpose: 'evidence', householdId, fileName: '收入证明.jpg' }, JPEG, { openid }, f.deps)) as ApiReply<{ id: string }>, 'evidence').id
    },
  }
}
