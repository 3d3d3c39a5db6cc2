/**
 * The households' build split by phase (`npx tsx scripts/scale/build-phases.ts 2000 20000`): for
 * each household count given, a fresh store, `writeDemoLedger` as bench:scale runs it, and each of
 * its three phases timed by wall and CPU (households with their applications, claims and measures;
 * the ledger's appends; contacts, the campaign and checks), with the per-household CPU. Prints
 * `name=<value> unit` lines. Not a test: nothing asserts a figure. With `PHASE_PROFILE=<phase>`
 * (households, ledger or contacts), writes a CPU profile of that phase alone to
 * `<phase>-<households>.cpuprofile` in the directory `PHASE_PROFILE_DIR` (the current one).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeDemoLedger, type DemoPhase } from '../../server/local/seed-households'
import { cpuMs, ROOT, seedUnits } from './build'
import { benchDeps, generateHouseholds, SEED } from './households'

const PHASES: DemoPhase[] = ['households', 'ledger', 'contacts']
const PROFILE = process.env.PHASE_PROFILE

/** A connected profiler session. */
async function profiler(): Promise<Session> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  return session
}

async function run(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-phases-'))
  const deps = benchDeps(dir, join(dir, 'lantian.db'), ROOT)
  try {
    await seedUnits(deps)
    const demo = generateHouseholds(n, n * 5)
    const spent = new Map<DemoPhase, { wall: number; cpu: number }>(PHASES.map((p) => [p, { wall: 0, cpu: 0 }]))
    const session = PROFILE ? await profiler() : null
    let profiling = false
    /** Ends the phase's profile and writes it. */
    const stop = async (on: Session) => {
      profiling = false
      const { profile } = await on.post('Profiler.stop')
      writeFileSync(join(process.env.PHASE_PROFILE_DIR ?? '.', `${PROFILE}-${n}.cpuprofile`), JSON.stringify(profile))
    }
    await writeDemoLedger(
      async (work, phase) => {
        if (session && phase === PROFILE && !profiling) {
          profiling = true
          await session.post('Profiler.start')
        } else if (session && phase !== PROFILE && profiling) await stop(session)
        const t = performance.now()
        const cpu = process.cpuUsage()
        await deps.store.transaction(work)
        const s = spent.get(phase)!
        s.wall += performance.now() - t
        s.cpu += cpuMs(process.cpuUsage(cpu))
      },
      deps.cipher,
      demo,
      SEED,
    )
    for (const [name, s] of spent) console.log(`households=${n} phase_${name}=${s.wall.toFixed(0)} ms phase_${name}_cpu=${s.cpu.toFixed(0)} ms per_household_cpu=${((1000 * s.cpu) / n).toFixed(0)} us`)
    if (session) {
      if (profiling) await stop(session)
      session.disconnect()
    }
    console.log(`households=${n} entries=${demo.disbursements.length} contacts=${demo.contacts.length} measures=${demo.measures.length}`)
  } finally {
    await deps.store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  for (const n of process.argv.slice(2).map(Number)) await run(n)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
