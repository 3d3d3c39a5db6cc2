/** Runs a bundled cloud function the way CloudBase does: a plain Node process, the real SDK, the stand-in as its service. */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'

/** Loads the bundle in a plain Node process, one warm container, and calls `main` once per event in turn. */
const RUNNER = `
const { main } = require(process.argv[1])
;(async () => {
  const replies = []
  for (const event of JSON.parse(process.argv[2])) replies.push(await main(event, {}))
  process.stdout.write(JSON.stringify(replies))
})()
`

/** The environment CloudBase gives a function called from the mini-program, pointed at the stand-in; `over` adds or (undefined) removes variables. */
export function cloudEnv(standinUrl: string, over: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base = {
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    TCB_ENV: 'test-env',
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_APPID: 'wx-test-app',
    LANTIAN_DATA_KEY: randomBytes(32).toString('base64'),
    LANTIAN_TCB_SERVICE_URL: standinUrl,
  }
  return Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== undefined)) as unknown as NodeJS.ProcessEnv
}

/** Each event's reply, in order, and what the process wrote to stderr. */
export function runBundle(bundle: string, events: unknown[], env: NodeJS.ProcessEnv, cwd?: string): Promise<{ replies: unknown[]; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, ['-e', RUNNER, bundle, JSON.stringify(events)], { env, cwd, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? fail(new Error(`${err.message}\n${stderr}`)) : done({ replies: JSON.parse(stdout) as unknown[], stderr }),
    )
  })
}
