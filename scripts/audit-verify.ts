/**
 * `npm run audit:verify [-- --data-dir <dir>] [-- --cloudbase] [-- --anchor <n>:<hash>]`: walks
 * every audit stream's hash chain and the chain of anchors, and prints `OK` with the number of
 * events and streams and the last anchor, or the first break (exit 1).
 *
 * Local (default): the SQLite file of the data directory (LANTIAN_DATA_DIR, default `data`),
 * opened read-only. CloudBase (`--cloudbase`): the environment in TCB_ENV with the credentials of
 * the shell (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY), as the deploy script uses them.
 * The keys are the app's (scripts/script-keys.ts): locally the data directory's key files or
 * LANTIAN_DATA_KEY, for CloudBase the functions' key source; never created here.
 *
 * A stream shows an event changed, removed or moved; an anchor shows a stream's events cut off up
 * to the heads it recorded. `--anchor` compares the stored anchor with the one the admins were sent
 * (their in-app message), so anchors deleted or rewritten after it show too. Events after the last
 * anchor the admins hold cannot be protected: that window is the anchor interval (README).
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCloudbaseStore } from '../server/adapters/cloudbase'
import { bindRepositories } from '../server/adapters/sqlite'
import type { Cipher, Repositories } from '../server/ports'
import { findAuditBreak, type AuditBreak } from '../server/usecases/shared/audit-check'
import { scriptCipher } from './script-keys'

export type AuditVerdict =
  | { ok: true; count: number; streams: number; lastAnchor: { n: number; hash: string } | null }
  | ({ ok: false } & AuditBreak)

/** An anchor as the admins received it: its number and hash. */
export interface SentAnchor {
  n: number
  hash: string
}

/** Events and streams, counted in one more walk (the verdict's figures). */
async function countEvents(repos: Repositories): Promise<{ count: number; streams: number }> {
  let count = 0
  const streams = new Set<string>()
  let after = null as { stream: string; seq: number } | null
  for (;;) {
    const batch = await repos.audit.list(after, 1000)
    for (const e of batch) streams.add(e.stream)
    count += batch.length
    if (batch.length < 1000) return { count, streams: streams.size }
    after = { stream: batch[batch.length - 1].stream, seq: batch[batch.length - 1].seq }
  }
}

/** The verdict on every stream and anchor, and on the anchor the admins hold when it is given. */
export async function verifyAudit(repos: Repositories, cipher: Cipher, sent?: SentAnchor): Promise<AuditVerdict> {
  const broken = await findAuditBreak(repos, cipher)
  if (broken) return { ok: false, ...broken }
  if (sent) {
    const [stored] = await repos.audit.anchors(sent.n, 1)
    if (!stored || stored.n !== sent.n) return { ok: false, stream: 'anchor', seq: sent.n, reason: 'the anchor the admins hold is missing' }
    if (stored.hash !== sent.hash) return { ok: false, stream: 'anchor', seq: sent.n, reason: 'the anchor differs from the one the admins hold' }
  }
  const last = await repos.audit.lastAnchor()
  return { ok: true, ...(await countEvents(repos)), lastAnchor: last && { n: last.n, hash: last.hash } }
}

export function formatVerdict(v: AuditVerdict): string {
  if (!v.ok) return v.stream === 'anchor' ? `BROKEN: anchor ${v.seq} (${v.reason})` : `BROKEN: the audit stream ${v.stream} breaks at seq ${v.seq} (${v.reason})`
  if (!v.count) return 'OK: the audit log is empty'
  return `OK: ${v.count} audit events in ${v.streams} streams, ${v.lastAnchor ? `last anchor ${v.lastAnchor.n} hash ${v.lastAnchor.hash}` : 'no anchor yet'}`
}

interface Args {
  cloudbase: boolean
  dataDir: string
  anchor?: SentAnchor
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  const args: Args = { cloudbase: false, dataDir: resolve(env.LANTIAN_DATA_DIR ?? 'data') }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cloudbase') args.cloudbase = true
    else if (argv[i] === '--data-dir' && argv[i + 1]) args.dataDir = resolve(argv[++i])
    else if (argv[i] === '--anchor' && /^\d+:[0-9a-f]{64}$/.test(argv[i + 1] ?? '')) {
      const [n, hash] = argv[++i].split(':')
      args.anchor = { n: Number(n), hash }
    } else throw new Error(`unknown argument ${argv[i]}; use --data-dir <dir>, --cloudbase or --anchor <n>:<hash>`)
  }
  return args
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), process.env)
  const cipher = await scriptCipher(args.cloudbase ? undefined : args.dataDir)
  if (args.cloudbase) {
    const verdict = await verifyAudit(createCloudbaseStore().repos, cipher, args.anchor)
    console.log(formatVerdict(verdict))
    return verdict.ok ? 0 : 1
  }
  const file = join(args.dataDir, 'lantian.db')
  if (!existsSync(file)) throw new Error(`no database in the data directory (${args.dataDir}); set LANTIAN_DATA_DIR or --data-dir`)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const verdict = await verifyAudit(bindRepositories(db), cipher, args.anchor)
    console.log(formatVerdict(verdict))
    return verdict.ok ? 0 : 1
  } finally {
    db.close()
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`audit:verify: ${err instanceof Error ? err.message : String(err)}`)
      process.exit(2)
    },
  )
}
