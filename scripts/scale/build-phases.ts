/**
 * The households' build split by phase (`npx tsx scripts/scale/build-phases.ts 2000 20000`): for
 * each household count given, a fresh store, `writeDemoLedger` as bench:scale runs it, and each of
 * its three batches timed by wall and CPU (households with their applications, claims and measures;
 * the ledger's appends; contacts, the campaign and checks), with the per-household CPU. Prints
 * `name=<value> unit` lines. Not a test: nothing asserts a figure. With `PHASE_PROFILE=<phase>`
 * (households, ledger or contacts), writes a CPU profile of that phase alone to
 * `<phase>-<households>.cpuprofile` in the directory `PHASE_PROFILE_DIR` (the current one).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeDemoLedger } from '../../server/local/seed-households'
import { cpuMs, ROOT, seedUnits } from './build'
import { benchDeps, generateHouseholds, SEED } from './households'

const PHASES = ['households', 'ledger', 'contacts'] as const
const PROFILE = process.env.PHASE_PROFILE

/** Runs `work`, profiled when it is the phase asked for. */
async function profiled(name: string, n: number, work: () => Promise<void>): Promise<void> {
  if (name !== PROFILE) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  try {
    await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(join(process.env.PHASE_PROFILE_DIR ?? '.', `${name}-${n}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
  }
}

async function run(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-phases-'))
  const deps = benchDeps(dir, join(dir, 'lantian.db'), ROOT)
  try {
    await seedUnits(deps)
    const demo = generateHouseholds(n, n * 5)
    let phase = 0
    await writeDemoLedger(
      async (work) => {
        const name = PHASES[phase++]
        const t = performance.now()
        const cpu = process.cpuUsage()
        await profiled(name, n, () => deps.store.transaction(work))
        const wall = performance.now() - t
        const used = cpuMs(process.cpuUsage(cpu))
        console.log(`households=${n} phase_${name}=${wall.toFixed(0)} ms phase_${name}_cpu=${used.toFixed(0)} ms per_household_cpu=${((1000 * used) / n).toFixed(0)} us`)
      },
      deps.cipher,
      demo,
      SEED,
    )
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
