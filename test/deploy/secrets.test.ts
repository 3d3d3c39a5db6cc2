/**
 * No secret in the repository, the deploy output or the built functions; no demo data and no
 * build-machine path in the built functions either.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FUNCTIONS } from '../../server/cloud/functions.manifest'
import { DEMO_ACCOUNTS } from '../../server/local/demo'
import { bundleFunction } from '../../scripts/build-functions'
import { desiredState } from '../../scripts/deploy/desired'
import { EMPTY_STATE } from '../../scripts/deploy/model'
import { deploy } from '../../scripts/deploy/run'
import { MemoryTarget } from './memory-target'

const root = resolve(__dirname, '../..')

/** Shapes of real secrets. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['a Tencent Cloud SecretId', /AKID[0-9A-Za-z]{32}/],
  ['a Tencent Cloud SecretKey', /secret_?key["']?\s*[:=]\s*["'][0-9A-Za-z]{32}["']/i],
  ['a PEM private key (e.g. the mini-program upload key)', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a data key value', /LANTIAN_DATA_KEY["']?\s*[:=]\s*["']?[A-Za-z0-9+/]{43}=/],
]

// Built at run time, so no secret-shaped value sits in this file.
const CANARIES = {
  TENCENTCLOUD_SECRETID: `AKID${'canaryid'.padEnd(32, '7')}`,
  TENCENTCLOUD_SECRETKEY: 'canary'.padEnd(32, 'k'),
  LANTIAN_DATA_KEY: Buffer.from('canary data key, exactly 32 byte').toString('base64'),
}

const findings = (text: string, where: string) => SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([what]) => `${where}: ${what}`)

test('no file of the repository holds a secret, a private key file or this machine’s path', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)) && statSync(join(root, f)).isFile())
  expect(files.length).toBeGreaterThan(50)
  expect(files.filter((f) => /(^|\/)private\.[^/]*\.key$|\.pem$/.test(f))).toEqual([])
  const problems: string[] = []
  for (const f of files) {
    if (statSync(join(root, f)).size > 4_000_000) continue
    const text = readFileSync(join(root, f), 'utf8')
    problems.push(...findings(text, f))
    if (text.includes(root)) problems.push(`${f}: this machine's path`)
  }
  expect(problems).toEqual([])
})

test('deploy output never shows a secret, even while changing it', async () => {
  const lines: string[] = []
  const want = desiredState({ envId: 'lantian-test-1a2b', region: 'ap-shanghai', settings: {}, secrets: { LANTIAN_DATA_KEY: CANARIES.LANTIAN_DATA_KEY }, codeHashes: { applicant: 'a'.repeat(16) } })
  const target = new MemoryTarget(EMPTY_STATE)
  await deploy(target, want, {}, (l) => lines.push(l))
  const other = { ...want, functions: want.functions.map((f) => ({ ...f, env: f.env.map((e) => (e.secret ? { ...e, value: 'rotated-canary' } : e)) })) }
  await deploy(target, other, { replaceDataKey: true }, (l) => lines.push(l))
  const out = lines.join('\n')
  expect(out).toContain('env LANTIAN_DATA_KEY')
  expect(out).not.toContain(CANARIES.LANTIAN_DATA_KEY)
  expect(out).not.toContain('rotated-canary')
})

describe('the built functions', () => {
  let dir: string
  const saved = { ...process.env }
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lantian-bundle-'))
    Object.assign(process.env, CANARIES)
  })
  afterAll(() => {
    process.env = saved
    rmSync(dir, { recursive: true, force: true })
  })

  test.each(FUNCTIONS.map((f) => f.name))('%s: no secret from the build shell, no secret shape, no demo data, no machine path', async (fn) => {
    const outfile = join(dir, `${fn}.js`)
    const built = await bundleFunction(fn, outfile)
    const bundles = [...built, join(root, 'cloudfunctions', fn, 'index.js'), join(root, 'cloudfunctions', fn, 'sheet-worker.js')].filter(existsSync)
    for (const file of bundles) {
      const text = readFileSync(file, 'utf8')
      expect(findings(text, fn)).toEqual([])
      for (const v of Object.values(CANARIES)) expect(text).not.toContain(v)
      expect(text).not.toContain(root)
      for (const a of DEMO_ACCOUNTS) expect(text).not.toContain(a.label)
      expect(text).not.toMatch(/demo-(worker|caseworker|admin)/)
    }
  })
})
