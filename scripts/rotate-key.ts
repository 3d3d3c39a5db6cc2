/**
 * `npm run rotate-key -- --local <dataDir> [--new-key] [--batch N] [--pause ms]` or
 * `npm run rotate-key -- [--env <envId>] [--batch N] [--pause ms]` (CloudBase, deploy/lantian.deploy.json):
 * rewrites every sealed value and keyed hash made under an older data key with the current one,
 * while the app keeps serving. Prints progress after each batch; Ctrl-C stops after the batch in
 * hand, and running it again goes on from there (the records say what is left). Exit 0 when
 * nothing is left under an older key, 3 when something is (stopped, or written meanwhile by a
 * container that had not read the new key yet: run it again), 2 on an error.
 *
 * Locally `--new-key` first adds the next data key file; the running local app reads it within
 * half a minute. For CloudBase, add the new version to the functions' key source first (README:
 * Key custody), wait five minutes so every container has read it, then run this with the same
 * key source in the shell.
 */
import { parseArgs } from 'node:util'
import { addLocalDataKey } from '../server/adapters/keys/local-key-files'
import { cloudbaseFileStore } from '../server/adapters/cloudbase/file-store'
import type { Deps, FileStore } from '../server/ports'
import { randomIds, systemClock } from '../server/runtime'
import { rotateKeys, type RotationProgress, type RotationReport } from '../server/usecases/keys/rotate-keys'
import { keyDirOf, scriptCipher } from './script-keys'
import { openStore } from './store-target'

/** One progress line: `applications: 50 rewritten, 120 left (2 taken again)`. */
export const progressLine = (p: RotationProgress) => `${p.kind}: ${p.rewritten} rewritten, ${p.remaining} left${p.retried ? ` (${p.retried} changed meanwhile, taken again)` : ''}`

/** The closing line and the exit code of a run. */
export function verdict(r: RotationReport): { line: string; code: number } {
  if (r.stuck.length) return { line: `rotate-key: ${r.stuck.length} records could not be rewritten (ids: ${r.stuck.slice(0, 10).join(', ')}); ${r.remaining} left under an older key`, code: 3 }
  if (r.remaining === 0) return { line: `rotate-key: done: every record is under data key version ${r.toVersion} (${r.rewritten} rewritten in this run); older keys may now be retired`, code: 0 }
  return { line: `rotate-key: ${r.stopped ? 'stopped' : 'pass finished'} with ${r.remaining} records left under an older key: run it again to go on`, code: 3 }
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      local: { type: 'string' },
      env: { type: 'string' },
      region: { type: 'string' },
      config: { type: 'string' },
      'new-key': { type: 'boolean', default: false },
      batch: { type: 'string', default: '50' },
      pause: { type: 'string', default: '100' },
    },
  })
  const batch = Number(flags.batch)
  if (!Number.isInteger(batch) || batch < 1 || batch > 500) throw new Error('--batch must be a whole number from 1 to 500')
  const pauseMs = Number(flags.pause)
  if (!Number.isInteger(pauseMs) || pauseMs < 0 || pauseMs > 60_000) throw new Error('--pause must be milliseconds from 0 to 60000')
  if (flags['new-key']) {
    if (!flags.local) throw new Error('--new-key is for a local data directory; for CloudBase add the version to the key source (README: Key custody)')
    console.log(`rotate-key: added data key version ${addLocalDataKey(keyDirOf(flags.local))}`)
  }
  const cipher = await scriptCipher(flags.local)
  const { store, where } = openStore(flags)
  const deps: Deps = { store, clock: systemClock, ids: randomIds, cipher, settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: flags.local ? ({} as FileStore) : cloudbaseFileStore() }
  let stop = false
  process.once('SIGINT', () => {
    stop = true
    console.log('rotate-key: stopping after this batch …')
  })
  console.log(`rotate-key: ${where}: rewriting under data key version ${cipher.keyVersion}, ${batch} records a batch`)
  try {
    const report = await rotateKeys(deps, { batch, pauseMs, onProgress: (p) => console.log(progressLine(p)), shouldStop: () => stop })
    const { line, code } = verdict(report)
    console.log(line)
    return code
  } finally {
    await store.close()
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`rotate-key: ${err instanceof Error ? err.message : String(err)}`)
      process.exit(2)
    },
  )
}
