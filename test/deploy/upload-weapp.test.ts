/** `npm run upload:weapp`: the dry run, and the refusal to build or upload with settings missing. */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tempDir } from '../support/deps'

const root = resolve(__dirname, '../..')
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/upload-weapp.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    timeout: 60000,
  })

test('dry run: prints appid, environment, version and whether the key is there, never the key', () => {
  const { dir, cleanup } = tempDir()
  try {
    const key = join(dir, 'private.wx0123456789abcdef.key')
    const keyText = 'canary-upload-key-content'
    writeFileSync(key, keyText)
    const r = run(['--dry-run', '--env', 'lantian-prod-1a2b', '--appid', 'wx0123456789abcdef', '--version', '1.2.3'], { LANTIAN_WEAPP_KEY_PATH: key })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('appid          wx0123456789abcdef')
    expect(r.stdout).toContain('environment    lantian-prod-1a2b')
    expect(r.stdout).toContain('version        1.2.3')
    expect(r.stdout).toContain('upload key     set, file found')
    expect(r.stdout).not.toContain('before a real upload')
    expect(r.stdout + r.stderr).not.toContain(keyText)
  } finally {
    cleanup()
  }
})

test('without appid, environment or key: the dry run lists what is missing; a real run refuses before building', () => {
  const dry = run(['--dry-run'])
  expect(dry.status).toBe(0)
  expect(dry.stdout).toContain('before a real upload: no appid')
  expect(dry.stdout).toContain('before a real upload: LANTIAN_WEAPP_KEY_PATH is not set')
  const real = run(['--env', 'lantian-prod-1a2b'])
  expect(real.status).toBe(1)
  expect(real.stderr).toContain('upload:weapp: no appid')
  expect(real.stdout).not.toContain('build:weapp\n>')
})
