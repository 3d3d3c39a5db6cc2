/**
 * A CPU profile of the server's side of HTTP submits (`npx tsx scripts/scale/prof-submits.ts`): a
 * small set (200 households, APPS applications, 2,000 by default), the bench's load server, 500
 * submits to warm up, then N (2,000) profiled, written to OUT (`submits.cpuprofile` here). The
 * profile holds the request's building too (the client's thread sends them). Not a test.
 */
import { Session } from 'node:inspector/promises'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApplications, buildHouseholds, ROOT, seedUnits } from './build'
import { startLoadServer } from './http-load'
import { benchDeps } from './households'
import * as m from './measures'

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-prof-'))
  const deps = benchDeps(dir, join(dir, 'lantian.db'), ROOT)
  await seedUnits(deps)
  await buildHouseholds(deps, 200)
  await buildApplications(deps, Number(process.env.APPS ?? 2000), () => undefined)
  const server = await startLoadServer(deps, dir, 16)
  const N = Number(process.env.N ?? 2000)
  await m.perSecond(server, m.submitRequests(server, 0, 500))
  await m.perSecond(server, m.indexRequests(server, 1500))
  const s = new Session()
  s.connect()
  await s.post('Profiler.enable')
  await s.post('Profiler.setSamplingInterval', { interval: 100 })
  await s.post('Profiler.start')
  const r = await m.perSecond(server, m.submitRequests(server, 500, N))
  const { profile } = await s.post('Profiler.stop')
  const idx = await m.perSecond(server, m.indexRequests(server, 3 * N))
  writeFileSync(process.env.OUT ?? 'submits.cpuprofile', JSON.stringify(profile))
  console.log(`submits ${r.perSecond.toFixed(0)}/s cpu ${r.cpuUs} us ok ${r.ok}; index ${idx.perSecond.toFixed(0)}/s cpu ${idx.cpuUs} us`)
  await server.close()
  await deps.store.close()
  rmSync(dir, { recursive: true, force: true })
}
main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
