/**
 * `npm test`, what CI runs: every check, build and suite of the project, each phase started as soon as
 * what it needs is built, as many at once as the machine has cores. A phase's output is printed whole
 * when it ends; the first failure stops the rest. The closing table gives each phase's wall time and
 * the CPU time (user + sys) of its processes, the figures of BENCHMARKS.md's "CI time".
 *
 * Usage: `npm test` (all phases) or `npm test -- <phase> ...` (those and what they need).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'

interface Phase {
  name: string
  command: string
  /** Phases whose output this one reads. */
  needs: string[]
}

/**
 * In the order they start when a place is free. Jest's own suite starts first because it runs longest, and with
 * a worker per core, so it soaks up whatever the shorter chains leave idle; the browser suite keeps one worker.
 */
const PHASES: Phase[] = [
  { name: 'build:functions', command: 'npm run build:functions', needs: [] },
  { name: 'jest', command: `npx jest --maxWorkers=${availableParallelism()}`, needs: ['build:functions'] },
  { name: 'typecheck', command: 'npm run typecheck', needs: [] },
  { name: 'lint', command: 'npm run lint', needs: [] },
  { name: 'build:h5', command: 'npm run build:h5', needs: [] },
  { name: 'test:e2e', command: 'npm run test:e2e', needs: ['build:h5'] },
  { name: 'build:weapp', command: 'npm run build:weapp', needs: [] },
  { name: 'check:weapp', command: 'npm run check:weapp', needs: ['build:weapp'] },
  { name: 'test:weapp', command: 'npm run test:weapp', needs: ['build:weapp'] },
]

interface Done {
  name: string
  startedAt: number
  wallMs: number
  cpuMs: number
  code: number
}

/** The named phases and everything they need, in PHASES order. */
export function selectPhases(names: readonly string[], phases: readonly Phase[] = PHASES): Phase[] {
  if (names.length === 0) return [...phases]
  const unknown = names.filter((n) => !phases.some((p) => p.name === n))
  if (unknown.length) throw new Error(`unknown phase ${unknown.join(', ')}; phases: ${phases.map((p) => p.name).join(', ')}`)
  const wanted = new Set<string>()
  const add = (name: string) => {
    if (wanted.has(name)) return
    wanted.add(name)
    for (const n of phases.find((p) => p.name === name)?.needs ?? []) add(n)
  }
  names.forEach(add)
  return phases.filter((p) => wanted.has(p.name))
}

/** Bash's `times`: the shell's line, then its children's user and system time, e.g. `0m17.360s 0m1.770s`. */
export function childCpuMs(times: string): number {
  const line = times.trim().split('\n')[1] ?? ''
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0)
}

function format(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

async function main(): Promise<number> {
  const phases = selectPhases(process.argv.slice(2))
  const slots = availableParallelism()
  const logs = mkdtempSync(join(tmpdir(), 'lantian-npm-test-'))
  // One folder of test templates (the demo seeded once, test/support/demo-template.ts) for every jest phase.
  const templates = process.env.LANTIAN_TEST_TEMPLATES ? null : mkdtempSync(join(tmpdir(), 'lantian-templates-'))
  if (templates) process.env.LANTIAN_TEST_TEMPLATES = templates
  const started = Date.now()
  const done = new Map<string, Done>()
  const running = new Map<string, ChildProcess>()
  let failed: Done | undefined

  const run = (phase: Phase) =>
    new Promise<Done>((resolve) => {
      const log = join(logs, `${phase.name.replace(/\W/g, '-')}.log`)
      const times = `${log}.times`
      const out = openSync(log, 'w')
      const startedAt = Date.now()
      // Its own process group, so a failure elsewhere ends the whole phase (npm, jest, their workers).
      const child = spawn('bash', ['-c', `${phase.command}; code=$?; times > '${times}'; exit $code`], { stdio: ['ignore', out, out], detached: true })
      running.set(phase.name, child)
      console.log(`[test] ${phase.name}: started (${phase.command})`)
      child.on('exit', (code, signal) => {
        running.delete(phase.name)
        let cpuMs = 0
        try {
          cpuMs = childCpuMs(readFileSync(times, 'utf8'))
        } catch {
          // Ended by a signal before it could write its times.
        }
        process.stdout.write(`\n===== ${phase.name} (${phase.command}) =====\n${readFileSync(log, 'utf8')}`)
        resolve({ name: phase.name, startedAt: startedAt - started, wallMs: Date.now() - startedAt, cpuMs, code: code ?? (signal ? 1 : 0) })
      })
    })

  await new Promise<void>((finish) => {
    const next = () => {
      if (failed) {
        if (running.size === 0) finish()
        return
      }
      if (done.size === phases.length) return finish()
      for (const phase of phases) {
        if (running.size >= slots) break
        if (done.has(phase.name) || running.has(phase.name) || !phase.needs.every((n) => done.has(n))) continue
        void run(phase).then((result) => {
          done.set(result.name, result)
          console.log(`[test] ${result.name}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${format(result.wallMs)}`)
          if (result.code !== 0 && !failed) {
            failed = result
            for (const child of running.values()) if (child.pid) process.kill(-child.pid, 'SIGTERM')
          }
          next()
        })
      }
    }
    next()
  })
  rmSync(logs, { recursive: true, force: true })
  if (templates) rmSync(templates, { recursive: true, force: true })

  console.log(`\n[test] phase            start     wall      cpu (user+sys)`)
  for (const d of [...done.values()].sort((a, b) => a.startedAt - b.startedAt)) {
    console.log(`[test] ${d.name.padEnd(16)} ${format(d.startedAt).padStart(8)} ${format(d.wallMs).padStart(8)} ${format(d.cpuMs).padStart(9)}${d.code === 0 ? '' : '  FAILED'}`)
  }
  const cpu = [...done.values()].reduce((s, d) => s + d.cpuMs, 0)
  console.log(`[test] total wall=${format(Date.now() - started)} cpu=${format(cpu)} on ${slots} cores`)
  if (failed) {
    console.error(`[test] ${failed.name} failed (exit ${failed.code}); phases not run: ${phases.filter((p) => !done.has(p.name)).map((p) => p.name).join(', ') || 'none'}`)
    return 1
  }
  return 0
}

if (require.main === module) void main().then((code) => process.exit(code))
