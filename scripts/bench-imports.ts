/**
 * `npm run bench:imports`: the hostile import corpus (test/support/hostile-sheets.ts) against the
 * local server, one file at a time. Each file is put where `prepareImport` says (as the
 * mini-program uploads it; the local upload route would refuse the largest at once), then a dry
 * run is called over HTTP as the admin page calls it, while four other clients keep asking for
 * nearby stations. Per file it prints how long the refusal took, how much the process's RSS grew
 * meanwhile (the reading thread included), and the other clients' p99; then a summary line.
 * Aims (issue 13): refused in ≤ 2 s, RSS growth ≤ 100 MB, others' p99 ≤ 200 ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../server/local/app'
import { hostileFiles } from '../test/support/hostile-sheets'
import { demoSignIn } from '../test/support/local-session'
import { stationImportFile } from '../test/support/stations'

const OTHER_CLIENTS = 4
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

/** A reply as the bench reads it: the fields of prepareImport's and import's data it looks at. */
interface Reply {
  ok: boolean
  data?: { cloudPath?: string; rows?: number }
  error?: { message: string }
}

async function call(app: LocalApp, cookie: string, action: string, input: unknown): Promise<Reply> {
  const res = await fetch(`${app.url}/api/stations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url, cookie },
    body: JSON.stringify({ action, input }),
  })
  return (await res.json()) as Reply
}

/** Other users asking for nearby stations until `stop` is set; each call's latency in ms. */
function otherClients(app: LocalApp, cookie: string): { stop: () => Promise<number[]> } {
  let running = true
  const latencies: number[] = []
  const loops = Array.from({ length: OTHER_CLIENTS }, async () => {
    while (running) {
      const started = performance.now()
      await call(app, cookie, 'nearby', { lng: 103.4365, lat: 24.4105, pageSize: 20 })
      latencies.push(performance.now() - started)
    }
  })
  return {
    stop: async () => {
      running = false
      await Promise.all(loops)
      return latencies
    },
  }
}

const p99 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)] : 0)
const mb = (bytes: number) => bytes / 1024 / 1024

/** Imports one file (dry run) while the others call; what it cost. */
async function measure(app: LocalApp, admin: string, worker: string, file: { format: 'csv' | 'xlsx'; bytes: Uint8Array }) {
  const prepared = await call(app, admin, 'prepareImport', {})
  const fileId = await app.deps.files.put(prepared.data?.cloudPath ?? '', file.bytes, 'application/octet-stream')
  gc()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const others = otherClients(app, worker)
  const started = performance.now()
  const reply = await call(app, admin, 'import', { format: file.format, fileId, dryRun: true })
  const ms = performance.now() - started
  const latencies = await others.stop()
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  return { reply, ms, rssGrowthMb: mb(peak - baseline), otherP99: p99(latencies), calls: latencies.length }
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'lantian-bench-imports-'))
  writeFileSync(join(tmp, 'index.html'), '<!doctype html><title>bench</title>')
  const app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp, 'data'), webRoot: tmp, sessionHours: 1 })
  try {
    const admin = await demoSignIn(app.url, 'admin')
    const worker = await demoSignIn(app.url, 'new-worker')
    const corpus = hostileFiles()
    // Warm-up: the first thread and the first queries pay for loading code.
    await measure(app, admin, worker, { format: 'xlsx', bytes: await stationImportFile(10, 'xlsx') })

    const quiet = otherClients(app, worker)
    await new Promise((r) => setTimeout(r, 1000))
    const baselineP99 = p99(await quiet.stop())

    const rows: { refused: boolean; ms: number; rss: number; p99: number }[] = []
    for (const file of corpus) {
      const m = await measure(app, admin, worker, file)
      const refused = !m.reply.ok && m.reply.error?.message === file.message
      rows.push({ refused, ms: m.ms, rss: m.rssGrowthMb, p99: m.otherP99 })
      console.log(`name=${file.name} bytes=${file.bytes.length} refused=${refused} refused_ms=${m.ms.toFixed(0)} rss_growth_mb=${m.rssGrowthMb.toFixed(1)} other_p99_ms=${m.otherP99.toFixed(1)} other_calls=${m.calls}`)
    }
    for (const format of ['csv', 'xlsx'] as const) {
      const m = await measure(app, admin, worker, { format, bytes: await stationImportFile(1000, format) })
      console.log(`name=valid-1000-rows.${format} accepted=${m.reply.ok} rows=${m.reply.data?.rows ?? 0} accepted_ms=${m.ms.toFixed(0)} rss_growth_mb=${m.rssGrowthMb.toFixed(1)} other_p99_ms=${m.otherP99.toFixed(1)} other_calls=${m.calls}`)
    }
    const max = (pick: (r: (typeof rows)[number]) => number) => Math.max(...rows.map(pick)).toFixed(1)
    console.log(
      `bench:imports files=${rows.length} refused=${rows.filter((r) => r.refused).length} max_refused_ms=${max((r) => r.ms)} max_rss_growth_mb=${max((r) => r.rss)} max_other_p99_ms=${max((r) => r.p99)} baseline_other_p99_ms=${baselineP99.toFixed(1)}`,
    )
  } finally {
    await app.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
