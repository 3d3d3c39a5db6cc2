/** `npm run bootstrap:admin --local`: the script end to end on a local data directory, as an operator runs it. */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { systemClock } from '../../server/runtime'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { redeemInvitation } from '../../server/usecases/admin/invitations'
import { sqliteDeps, seedTestUnits, tempDir } from '../support/deps'

const root = resolve(__dirname, '../..')
/** Four runs of the script, each a cold tsx start: slow on a busy machine. */
const SCRIPT_RUNS_MS = 120_000

describe('npm run bootstrap:admin', () => {
  test('--local: refused without the key file; one code, printed once; a second run refused; the code binds an admin', async () => {
    const tmp = tempDir()
    const dataDir = join(tmp.dir, 'data')
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/bootstrap-admin.ts', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, LANTIAN_DATA_KEY: '' },
      })
    const key = randomBytes(32)
    try {
      const noKey = cli('--local', dataDir, '--name', '赵强')
      expect(noKey.status).toBe(1)
      expect(noKey.stderr).toContain(`no data key in ${dataDir}`)
      expect(existsSync(join(dataDir, 'lantian.db'))).toBe(false)
      expect(cli('--local', dataDir).status).toBe(2)

      // What `npm start` leaves in a data directory: the key file (owner only) and a union tree.
      mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 })
      writeFileSync(join(dataDir, 'keys', 'data.key'), `${key.toString('base64')}\n`, { mode: 0o600 })
      const seeded = openSqliteStore(join(dataDir, 'lantian.db'))
      await seedTestUnits(seeded)
      await seeded.close()
      const made = cli('--local', dataDir, '--name', '赵强')
      expect(made.stderr).toBe('')
      expect(made.status).toBe(0)
      expect(made.stdout).toContain('为“赵强”生成首位管理员的邀请码')
      expect(made.stdout).toContain('角色：admin、reviewer')
      const codes = made.stdout.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g) ?? []
      expect(codes).toHaveLength(1)
      const code = codes[0] ?? ''

      const again = cli('--local', dataDir, '--name', '赵强')
      expect(again.status).toBe(1)
      expect(again.stderr).toContain('首位管理员的邀请码已经生成过')
      expect(again.stdout).toBe('')

      // The functions of that data directory (same store, same key) accept the code.
      const t = sqliteDeps(openSqliteStore(join(dataDir, 'lantian.db')))
      const deps = { ...t.deps, cipher: createCipher(key), clock: systemClock }
      try {
        await t.ready
        const redeemed = await redeemInvitation(deps, { openid: 'o-first-admin', roles: ['worker'] }, { code })
        expect(redeemed).toEqual({ unitName: '弥勒市总工会', roles: ['admin', 'reviewer'] })
        expect(await deps.store.repos.staff.getByOpenid('o-first-admin')).toMatchObject({ displayName: '赵强', unitId: 'unit-root', roles: ['admin', 'reviewer'], active: true })
        expect((await deps.store.repos.audit.list(null, 10)).map((e) => [e.actor, e.action])).toEqual([['bootstrap', 'invitation.create'], ['o-first-admin', 'staff.bind']])
        expect(await findAuditBreak(deps.store.repos, deps.cipher)).toBeNull()
      } finally {
        await t.close()
      }
    } finally {
      tmp.cleanup()
    }
  }, SCRIPT_RUNS_MS)
})
