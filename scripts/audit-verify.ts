/**
 * `npm run audit:verify [-- --data-dir <dir>] [-- --cloudbase]`: walks the audit log's hash chain
 * and prints `OK` with the number of events and the head, or the first broken seq (exit 1).
 *
 * Local (default): the SQLite file of the data directory (LANTIAN_DATA_DIR, default `data`),
 * opened read-only. CloudBase (`--cloudbase`): the environment in TCB_ENV with the credentials of
 * the shell (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY), as the deploy script uses them.
 * The keys are the app's (scripts/script-keys.ts): locally the data directory's key files or
 * LANTIAN_DATA_KEY, for CloudBase the functions' key source; never created here.
 *
 * A chain shows an event changed, removed or moved; it cannot show the newest events cut off.
 * Keep the printed head (seq and hash) somewhere else and compare it on the next run.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCloudbaseStore } from '../server/adapters/cloudbase'
import { bindRepositories } from '../server/adapters/sqlite'
import type { Cipher, Repositories } from '../server/ports'
import { findAuditBreak } from '../server/usecases/shared/audit'
import { scriptCipher } from './script-keys'

export type AuditVerdict = { ok: true; count: number; head: { seq: number; hash: string } | null } | { ok: false; seq: number; reason: string }

/** The verdict on the whole chain. */
export async function verifyAudit(repos: Repositories, cipher: Cipher): Promise<AuditVerdict> {
  const broken = await findAuditBreak(repos, cipher)
  if (broken) return { ok: false, ...broken }
  const head = await repos.audit.head()
  return { ok: true, count: head?.seq ?? 0, head }
}

export function formatVerdict(v: AuditVerdict): string {
  if (!v.ok) return `BROKEN: the audit chain breaks at seq ${v.seq} (${v.reason})`
  return v.head ? `OK: ${v.count} audit events, head seq ${v.head.seq} hash ${v.head.hash}` : 'OK: the audit log is empty'
}

interface Args {
  cloudbase: boolean
  dataDir: string
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  const args: Args = { cloudbase: false, dataDir: resolve(env.LANTIAN_DATA_DIR ?? 'data') }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cloudbase') args.cloudbase = true
    else if (argv[i] === '--data-dir' && argv[i + 1]) args.dataDir = resolve(argv[++i])
    else throw new Error(`unknown argument ${argv[i]}; use --data-dir <dir> or --cloudbase`)
  }
  return args
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), process.env)
  const cipher = await scriptCipher(args.cloudbase ? undefined : args.dataDir)
  if (args.cloudbase) {
    const verdict = await verifyAudit(createCloudbaseStore().repos, cipher)
    console.log(formatVerdict(verdict))
    return verdict.ok ? 0 : 1
  }
  const file = join(args.dataDir, 'lantian.db')
  if (!existsSync(file)) throw new Error(`no database in the data directory (${args.dataDir}); set LANTIAN_DATA_DIR or --data-dir`)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const verdict = await verifyAudit(bindRepositories(db), cipher)
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
