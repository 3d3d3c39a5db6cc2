/** `npm run rotate-key` on a local data directory: a new key file, progress per batch, Ctrl-C and a second run, the audit chain intact. */
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadLocalKeys } from '../../server/adapters/keys/local-key-files'
import { createKeyRingCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Deps, FileStore } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { submitApplication } from '../../server/usecases/applicant/submit-application'
import { call, checkedSubmission, seedTestUnits, tempDir, TestClock } from '../support/deps'

const root = resolve(__dirname, '../..')
const { dir, cleanup } = tempDir('lantian-rotate-')
afterAll(cleanup)

/** Runs a script; `interrupt` sends Ctrl-C once a line matching it is printed. */
function run(script: string, args: string[], interrupt?: RegExp): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), script, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' } as unknown as NodeJS.ProcessEnv })
    let out = ''
    let sent = false
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8')
      if (interrupt && !sent && interrupt.test(out)) {
        sent = true
        child.kill('SIGINT')
      }
    })
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.on('close', (code) => done({ code, out }))
  })
}

test('a new key, stopped by Ctrl-C after a batch, run again to the end; key 2 alone then opens everything', async () => {
  const keys = loadLocalKeys(join(dir, 'keys'))
  expect(statSync(join(dir, 'keys', 'audit.key')).mode & 0o777).toBe(0o600)
  const store = openSqliteStore(join(dir, 'lantian.db'))
  await seedTestUnits(store)
  const deps: Deps = { store, clock: new TestClock(), ids: randomIds, cipher: createKeyRingCipher(keys), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
  const ids = ['532504199001011238', '11010519491231002X', '532504200501010018', '532504201003030029', '532504197512120015', '532504201206060041']
  for (const [i, idNumber] of ids.entries()) await submitApplication(deps, { openid: `o-${i}`, roles: ['worker'] }, checkedSubmission({ idNumber, memberIds: [] }), call())
  await store.close()

  const first = await run('scripts/rotate-key.ts', ['--local', dir, '--new-key', '--batch', '1', '--pause', '300'], /applications: 1 rewritten/)
  expect(first.out).toContain('added data key version 2')
  expect(first.out).toMatch(/stopped with \d+ records left/)
  expect(first.code).toBe(3)
  expect(statSync(join(dir, 'keys', 'data-2.key')).mode & 0o777).toBe(0o600)

  const second = await run('scripts/rotate-key.ts', ['--local', dir, '--batch', '2', '--pause', '0'])
  expect(second.out).toMatch(/applications: 2 rewritten, \d+ left/)
  expect(second.out).toContain('done: every record is under data key version 2')
  expect(second.code).toBe(0)

  const reopened = openSqliteStore(join(dir, 'lantian.db'))
  const onlyNew = createKeyRingCipher({ data: { current: 2, keys: new Map([[2, loadLocalKeys(join(dir, 'keys')).data.keys.get(2)!]]) }, audit: keys.audit })
  const { items, remaining } = await reopened.repos.applications.underOldKey(3, 20)
  expect(remaining).toBe(ids.length)
  expect(items.map((r) => onlyNew.decrypt(r.idNumberEnc)).sort()).toEqual([...ids].sort())
  await reopened.close()
  expect(existsSync(join(dir, 'keys', 'data-3.key'))).toBe(false)

  const verify = await run('scripts/audit-verify.ts', ['--data-dir', dir])
  expect(verify.out).toMatch(/^OK/m)
  expect(verify.code).toBe(0)
}, 60_000)
