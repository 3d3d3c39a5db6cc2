/** First data for a real union: CSV reading, every row checked, one transaction, on both stores. */
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { formatProblem, importUnionData, type ImportFile } from '../../server/import'
import type { Store } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { freshStores, startDeployedStandin } from '../support/cloudbase-standin'
import { CSV_ENCODINGS, UNREADABLE_CSV } from '../support/csv-encodings'
import { tempDir } from '../support/deps'

const root = resolve(__dirname, '../..')
const file = (name: string, text: string): ImportFile => ({ name, bytes: Buffer.from(text, 'utf8') })
const UNITS = 'id,name,parentId\nunit-root,某某市总工会,\nunit-a,某某县总工会,unit-root\nunit-a1,某某街道总工会,unit-a\n'
const POLICY = 'unitId,dibaoLineYuan,publicityDays,screeningDays,visitingDays,template:statusChanged\nunit-root,780,7,10,,AbCdEfGhIjKlMnOp_123-xyz\nunit-a,720.50,5,,15,\n'

/** The problems of an import, as the operator reads them. */
async function problemsOf(store: Store, files: { units?: string; policy?: string }): Promise<string[]> {
  const result = await importUnionData(store, { units: files.units === undefined ? undefined : file('units.csv', files.units), policy: files.policy === undefined ? undefined : file('policy.csv', files.policy) }, { dryRun: false })
  if (result.ok) throw new Error('expected problems')
  return result.problems.map(formatProblem)
}

describe.each(freshStores(() => standin))('import into %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  test('writes the tree with paths and the policies; importing again updates, adds nothing', async () => {
    const result = await importUnionData(store, { units: file('units.csv', UNITS), policy: file('policy.csv', POLICY) }, { dryRun: false })
    expect(result).toMatchObject({ ok: true, newUnits: 3, written: true })
    expect(await store.repos.units.get('unit-a1')).toEqual({ id: 'unit-a1', name: '某某街道总工会', parentId: 'unit-a', path: ['unit-root', 'unit-a', 'unit-a1'] })
    expect(await store.repos.policies.get('unit-root')).toEqual({
      unitId: 'unit-root',
      dibaoLineFen: 78000,
      publicityDays: 7,
      stageDeadlineDays: { screening: 10 },
      subscribeTemplateIds: { statusChanged: 'AbCdEfGhIjKlMnOp_123-xyz' },
    })
    expect(await store.repos.policies.get('unit-a')).toMatchObject({ dibaoLineFen: 72050, publicityDays: 5, stageDeadlineDays: { visiting: 15 }, subscribeTemplateIds: {} })

    const again = await importUnionData(store, { units: file('units.csv', `${UNITS}unit-a2,另一个街道总工会,unit-a\n`) }, { dryRun: false })
    expect(again).toMatchObject({ ok: true, newUnits: 1 })
    expect((await store.repos.units.children('unit-a')).map((u) => u.id)).toEqual(['unit-a1', 'unit-a2'])
    // A policy file alone may name units already stored.
    expect(await importUnionData(store, { policy: file('policy.csv', 'unitId,dibaoLineYuan,publicityDays\nunit-a2,700,6\n') }, { dryRun: false })).toMatchObject({ ok: true })
  })

  test('a dry run checks everything and writes nothing', async () => {
    const result = await importUnionData(store, { units: file('units.csv', UNITS), policy: file('policy.csv', POLICY) }, { dryRun: true })
    expect(result).toMatchObject({ ok: true, written: false })
    expect(await store.repos.units.get('unit-root')).toBeNull()
    expect(await store.repos.policies.get('unit-root')).toBeNull()
  })

  test('one bad row anywhere: nothing is written, and every message names the file, line and column', async () => {
    const problems = await problemsOf(store, { units: UNITS, policy: `${POLICY}unit-a1,78000,0,,,\n` })
    expect(problems).toEqual([
      'policy.csv 第 4 行“dibaoLineYuan”列：低保线 78000 元不在 100 到 10000 元之间（每人每月，单位是元不是分）',
      'policy.csv 第 4 行“publicityDays”列：公示天数“0”应为 1 到 30 的整数',
    ])
    expect(await store.repos.units.get('unit-root')).toBeNull()
    expect(await store.repos.policies.get('unit-root')).toBeNull()
  })

  test('unit rows: bad ids, empty names, duplicates, unknown parents, cycles, a second root', async () => {
    const bad = 'id,name,parentId\nunit-root,市总工会,\nunit-a,县总工会,unit-root\nunit-a,重复,unit-root\nbad id,x,unit-root\nunit-b,,unit-root\nunit-c,街道,unit-nowhere\nunit-d,甲,unit-e\nunit-e,乙,unit-d\nunit-f,另一个根,\n'
    expect(await problemsOf(store, { units: bad })).toEqual([
      'units.csv 第 4 行“id”列：单位编号“unit-a”与第 3 行重复',
      'units.csv 第 5 行“id”列：单位编号“bad id”只能包含英文字母、数字、- 和 _，最长 64 个字符',
      'units.csv 第 6 行“name”列：单位名称不能为空',
      'units.csv 第 2 行“parentId”列：只能有一个根单位（上级为空的单位），现在有 unit-root（第 2 行）、unit-f（第 10 行）',
      'units.csv 第 10 行“parentId”列：只能有一个根单位（上级为空的单位），现在有 unit-root（第 2 行）、unit-f（第 10 行）',
      'units.csv 第 7 行“parentId”列：上级单位“unit-nowhere”不存在：它既不在本文件中，也不在系统中',
    ])
    expect(await problemsOf(store, { units: 'id,name,parentId\nunit-root,市总工会,\nunit-d,甲,unit-e\nunit-e,乙,unit-d\n' })).toEqual([
      'units.csv 第 3 行“parentId”列：上级关系形成了循环：unit-d → unit-e → unit-d',
    ])
    expect(await store.repos.units.children(null)).toEqual([])
  })

  test('against the stored tree: no second root, no moving a stored unit', async () => {
    await importUnionData(store, { units: file('units.csv', UNITS) }, { dryRun: false })
    expect(await problemsOf(store, { units: 'id,name,parentId\nother-root,另一个市总工会,\nunit-a1,街道,unit-root\n' })).toEqual([
      'units.csv 第 2 行“parentId”列：只能有一个根单位（上级为空的单位），现在有 other-root（第 2 行）、unit-root（系统中已有）',
      'units.csv 第 3 行“parentId”列：单位“unit-a1”已在系统中，上级是“unit-a”；导入不能移动已有单位',
    ])
  })

  test('policy rows: unknown unit, duplicate, bad values, bad template id; header problems first', async () => {
    await importUnionData(store, { units: file('units.csv', UNITS) }, { dryRun: false })
    const rows = 'unitId,dibaoLineYuan,publicityDays,verifyingDays,template:statusChanged\nunit-x,780,7,,\nunit-a,78.123,7,400,short\nunit-a,780,7,,\n'
    expect(await problemsOf(store, { policy: rows })).toEqual([
      'policy.csv 第 2 行“unitId”列：单位“unit-x”不存在：先导入单位（--file），或检查编号',
      'policy.csv 第 3 行“dibaoLineYuan”列：低保线“78.123”应为元，最多两位小数，如 780 或 780.50',
      'policy.csv 第 3 行“verifyingDays”列：时限“400”应为 1 到 365 的整数（天），不设时限请留空',
      'policy.csv 第 3 行“template:statusChanged”列：订阅消息模板 ID“short”格式不正确：应为公众平台“订阅消息”中复制的模板 ID',
      'policy.csv 第 4 行“unitId”列：单位“unit-a”与第 3 行重复：每个单位只写一行',
    ])
    expect(await problemsOf(store, { policy: 'unitId,dibaoLine,publicityDays\n' })).toEqual([
      'policy.csv 第 1 行：缺少列“dibaoLineYuan”（列名应为 unitId,dibaoLineYuan,publicityDays）',
      'policy.csv 第 1 行：第 2 列“dibaoLine”不是可识别的列名',
      'policy.csv：除列名外没有数据行',
    ])
  })

  test.each(CSV_ENCODINGS)('reads the units and policy files in %s', async (_encoding, encode) => {
    const result = await importUnionData(store, { units: { name: 'units.csv', bytes: encode(UNITS) }, policy: { name: 'policy.csv', bytes: encode(POLICY) } }, { dryRun: false })
    expect(result).toMatchObject({ ok: true, newUnits: 3, written: true })
    expect(await store.repos.units.get('unit-a1')).toEqual({ id: 'unit-a1', name: '某某街道总工会', parentId: 'unit-a', path: ['unit-root', 'unit-a', 'unit-a1'] })
    expect(await store.repos.policies.get('unit-root')).toMatchObject({ dibaoLineFen: 78000, publicityDays: 7, subscribeTemplateIds: { statusChanged: 'AbCdEfGhIjKlMnOp_123-xyz' } })
    expect(await store.repos.policies.get('unit-a')).toMatchObject({ dibaoLineFen: 72050, publicityDays: 5, stageDeadlineDays: { visiting: 15 } })
  })

  test('a file in neither UTF-8 nor GB18030 is refused with how to fix it, and so is an unclosed quote', async () => {
    const result = await importUnionData(store, { units: { name: 'units.csv', bytes: UNREADABLE_CSV }, policy: file('policy.csv', 'unitId,dibaoLineYuan\n"unit-a,1\n') }, { dryRun: false })
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'units.csv：文件编码无法识别。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试',
      'policy.csv 第 2 行：引号没有闭合',
    ])
  })

  test('files are bounded while read: a long line, too many columns, too many rows, too many bytes', async () => {
    const result = await importUnionData(store, {
      units: file('units.csv', `id,name,parentId\nunit-root,"${'长'.repeat(70_000)}",\n`),
      policy: file('policy.csv', `unitId,dibaoLineYuan,publicityDays${',x'.repeat(50)}\n`),
    }, { dryRun: true })
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'units.csv 第 2 行：这一行内容过长（最多65536个字符），请检查引号是否成对',
      'policy.csv 第 1 行：表格列数过多（最多40列）',
    ])
    expect(await problemsOf(store, { units: `id,name,parentId\n${'u,单位,\n'.repeat(20_001)}` })).toEqual(['units.csv：表格行数过多（最多20000行），请分成几个文件导入'])
    expect(await problemsOf(store, { units: 'x'.repeat(4 * 1024 * 1024 + 1) })).toEqual(['units.csv：文件太大（最多4MB），请分成几个文件导入'])
  })

  test('the writes are one transaction: a failure half-way leaves nothing', async () => {
    let puts = 0
    const failing: Store = {
      ...store,
      transaction: (work) =>
        store.transaction((repos) =>
          work({
            ...repos,
            policies: {
              ...repos.policies,
              put: async (p) => {
                if (++puts === 2) throw new Error('disk full')
                return repos.policies.put(p)
              },
            },
          }),
        ),
    }
    await expect(importUnionData(failing, { units: file('units.csv', UNITS), policy: file('policy.csv', POLICY) }, { dryRun: false })).rejects.toThrow('disk full')
    expect(await store.repos.units.get('unit-root')).toBeNull()
    expect(await store.repos.policies.get('unit-root')).toBeNull()
  })
})

let standin: Standin
beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
})
afterAll(() => standin.close())

describe('npm run import:union', () => {
  test('--local with the templates from deploy/: dry run, then the import; a bad file exits 1 and names line and column', () => {
    const { dir, cleanup } = tempDir()
    try {
      const cli = (...args: string[]) => spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import-union.ts', '--local', dir, ...args], { cwd: root, encoding: 'utf8' })
      const templates = ['--file', 'deploy/units.example.csv', '--policy', 'deploy/policy.example.csv']
      const dry = cli(...templates, '--dry-run')
      expect(dry.status).toBe(0)
      expect(dry.stdout).toContain('试运行，未写入任何数据')
      expect(dry.stdout).toContain('单位 4 个（新增 4，更新 0）')
      const real = cli(...templates)
      expect(real.stdout).toContain('已写入')
      expect(cli(...templates).stdout).toContain('单位 4 个（新增 0，更新 4）')
      writeFileSync(join(dir, 'bad.csv'), 'id,name,parentId\nunit-x,,unit-root\n')
      const bad = cli('--file', join(dir, 'bad.csv'))
      expect(bad.status).toBe(1)
      expect(bad.stderr).toContain('没有写入任何数据')
      expect(bad.stderr).toContain('bad.csv 第 2 行“name”列：单位名称不能为空')
      expect(() => execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import-union.ts'], { cwd: root, stdio: 'pipe' })).toThrow()
    } finally {
      cleanup()
    }
  })
})
