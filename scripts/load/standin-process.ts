/**
 * The stand-in in a process of its own, for `npm run load:cloud`: the database is not the
 * functions' machine on CloudBase either, and on a small shared machine one event loop serving
 * both sides would time the scheduler, not the calls. The parent talks to it over IPC: files put
 * in storage (as wx.cloud.uploadFile would), latency changed (seeding at full speed), close.
 */
import { fork, type ChildProcess } from 'node:child_process'
import type { StandinLimits } from '../../test/cloudbase-standin/limits'
import { startDeployedStandin } from '../../test/support/cloudbase-standin'

type Message = { type: 'put'; path: string; base64: string } | { type: 'limits'; limits: Partial<StandinLimits> } | { type: 'close' }

/** The parent's handle on the stand-in process. */
export interface StandinProcess {
  url: string
  putFile(path: string, bytes: Uint8Array): Promise<void>
  setLimits(limits: Partial<StandinLimits>): Promise<void>
  close(): Promise<void>
}

/** Starts the stand-in process with these limits; resolves once it listens. */
export function startStandinProcess(limits: Partial<StandinLimits>): Promise<StandinProcess> {
  const child: ChildProcess = fork(__filename, ['--child', JSON.stringify(limits)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const acks: (() => void)[] = []
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ack') acks.shift()?.()
      if (m.type !== 'ready') return
      const send = (msg: Message) => new Promise<void>((done) => (acks.push(done), child.send(msg)))
      resolve({
        url: m.url!,
        putFile: (path, bytes) => send({ type: 'put', path, base64: Buffer.from(bytes).toString('base64') }),
        setLimits: (l) => send({ type: 'limits', limits: l }),
        close: async () => {
          await send({ type: 'close' })
          child.disconnect()
        },
      })
    })
  })
}

async function serve(limits: Partial<StandinLimits>): Promise<void> {
  const standin = await startDeployedStandin(limits)
  // Nobody reads the request log here: dropped as it grows, so memory stays flat over a long run.
  const trim = setInterval(() => (standin.requests.length = 0), 1000)
  process.on('message', async (m: Message) => {
    if (m.type === 'put') standin.storage.set(m.path, Buffer.from(m.base64, 'base64'))
    if (m.type === 'limits') Object.assign(standin.limits, m.limits)
    if (m.type === 'close') {
      clearInterval(trim)
      await standin.close()
    }
    process.send!({ type: 'ack' })
  })
  process.send!({ type: 'ready', url: standin.url })
}

if (process.argv[2] === '--child') {
  serve(JSON.parse(process.argv[3]) as Partial<StandinLimits>).catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
