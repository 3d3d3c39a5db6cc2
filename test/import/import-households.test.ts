/**
 * `import:households` on both stores: an export of households filed through the app imports into
 * an empty environment and exports again to the same bytes; a rerun adds nothing; a dry run lists
 * every problem of every file with its line and column and writes nothing; an ID number already
 * on file or in a live application is refused; batches stay within a transaction's write cap.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { importHouseholds } from '../../server/import/households'
import { loadOrCreateKeyFile } from '../../server/local/keys'
import type { Store } from '../../server/ports'
import { householdMemberOfId } from '../../server/usecases/applicant/duplicates'
import { householdOf, openApplicationForId } from '../../server/usecases/shared/claim-keys'
import { openForm } from '../../server/usecases/shared/sealed-form'
import { getHousehold } from '../../server/usecases/households/read'
import { readCsv } from '../../server/usecases/shared/csv'
import type { Standin } from '../cloudbase-standin'
import { freshStores, startDeployedStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { CITY_REVIEWER, edited, filedThroughTheApp, files, importTarget, manyHouseholds, problemsOf, text, type ExportedFiles } from '../support/household-import'
import { UNITS } from '../support/union-tree'

let source: { csv: ExportedFiles; xlsx: ExportedFiles }
let standin: Standin

beforeAll(async () => {
  source = await filedThroughTheApp()
  standin = await startDeployedStandin({ maxTransactionWrites: 100, latencyMs: 10 })
}, 120_000)
afterAll(() => standin.close())

const sixty = () => manyHouseholds(source.csv.households)

describe.each(freshStores(() => standin))('import:households into %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let target: Awaited<ReturnType<typeof importTarget>>
  beforeEach(async () => {
    ;({ store, close } = open())
    target = await importTarget(store)
  })
  afterEach(() => close())

  test('export -> import -> export gives the same files; a rerun adds nothing; one audit event per import', async () => {
    expect(await target.run(files(source.csv))).toEqual({ ok: true, written: true, households: 3, skipped: 0, measures: 1, entries: 3, contacts: 0, batches: 1 })
    const again = await target.exportAll()
    expect(text(again.households)).toBe(text(source.csv.households))
    expect(text(again.ledger)).toBe(text(source.csv.ledger))

    expect(await target.run(files(source.csv))).toMatchObject({ ok: true, households: 0, skipped: 3, entries: 0 })
    expect(text((await target.exportAll()).households)).toBe(text(source.csv.households))
    const events = (await store.repos.audit.list(null, 10)).filter((e) => e.action.endsWith('.import'))
    expect(events.map((e) => e.action)).toEqual(['household.import', 'household.import'])
    // Each run is its own audit stream: the list is ordered by stream, not by time.
    expect(events.map((e) => (e.detail as { households: number }).households).sort()).toEqual([0, 3])
    expect(events.find((e) => (e.detail as { households: number }).households === 3)).toMatchObject({ actor: 'import:赵强', detail: { households: 3, entries: 3, files: ['建档户.csv', '帮扶资金台账.csv'] } })
  }, 60_000)

  test('sensitive values are encrypted on the way in, as filing stores them; entries are approved and marked migrated', async () => {
    await target.run(files(source.csv))
    const all = await store.repos.households.listPage({ under: 'unit-a1', after: null, limit: 10 })
    const paid = await Promise.all(all.map((x) => store.repos.ledger.listByHousehold(x.id)))
    const h = all[paid.findIndex((entries) => entries.length > 0)]
    const idNumber = readCsv(source.csv.households).rows.map((r) => r.cells[3]).find((id) => target.deps.cipher.keyedHash(id) === h.idNumberHash)!
    expect(h.idNumberEnc).not.toContain(idNumber)
    expect(target.deps.cipher.decrypt(h.idNumberEnc)).toBe(idNumber)
    const app = (await store.repos.applications.get(h.applicationIds[0]))!
    expect(app).toMatchObject({ status: 'filed', householdId: h.id, idNumberHash: h.idNumberHash })
    expect(JSON.stringify(app)).not.toContain(idNumber)
    expect((await store.repos.claims.get(openApplicationForId(h.idNumberHash)))?.holder).toBe(app.id)
    const entries = await store.repos.ledger.listByHousehold(h.id)
    expect(entries.map((e) => [e.kind, e.amountFen, e.status, e.migrated]).sort()).toEqual([
      ['payment', 12_345, 'approved', true],
      ['payment', 50_000, 'approved', true],
      ['reversal', -12_345, 'approved', true],
    ])
    expect(entries.find((e) => e.kind === 'reversal')!.reversesId).toBe(entries.find((e) => e.amountFen === 12_345)!.id)
  }, 60_000)

  test('a dry run lists every problem of both files by line and column, in Chinese, and writes nothing', async () => {
    const rows = readCsv(source.csv.households).rows.length
    const households = edited(source.csv.households, (cell, i) => {
      if (i === 0) {
        cell('身份证号', cell('身份证号').slice(0, 4) + '**********' + cell('身份证号').slice(14))
        cell('所属工会', '不存在的工会')
      }
      if (i === 1) {
        cell('困难类别', '特别困难')
        cell('家庭年收入', '一万元')
      }
    }, [readCsv(source.csv.households).rows[1].cells.slice(), readCsv(source.csv.households).rows[1].cells.slice()])
    const ledger = new Uint8Array(Buffer.from(text(source.csv.ledger).replace(/\r\n(\d{4}-\d{2}-\d{2}),([^,]+),/, '\r\n$1,MLS-H-0000-999999,')))
    const result = await target.run({ households: { name: '建档户.csv', bytes: households }, ledger: { name: '帮扶资金台账.csv', bytes: ledger } }, true)
    expect(problemsOf(result)).toEqual(expect.arrayContaining([
      '建档户.csv 第 2 行“身份证号”列：内容已打码：请用审核人（reviewer）导出的完整文件导入',
      '建档户.csv 第 3 行“困难类别”列：“特别困难”不是可选的值（可选：深度困难、相对困难、意外致困）',
      '建档户.csv 第 3 行“家庭年收入”列：家庭年收入应为金额，单位元，最多两位小数',
      `建档户.csv 第 ${rows + 3} 行“档案编号”列：与第 ${rows + 2} 行的档案编号相同`,
      `建档户.csv 第 ${rows + 3} 行“身份证号”列：与第 ${rows + 2} 行的身份证号相同`,
      expect.stringMatching(/^帮扶资金台账\.csv 第 2 行“档案编号”列：档案编号“MLS-H-0000-999999”不在本次导入的建档户文件中$/),
    ]))
    expect(await store.repos.households.listPage({ under: 'unit-root', after: null, limit: 10 })).toEqual([])
    expect(await store.repos.audit.list(null, 10)).toEqual([])

    expect(await target.run(files(source.csv), true)).toMatchObject({ ok: true, written: false, households: 3 })
    expect(await store.repos.households.listPage({ under: 'unit-root', after: null, limit: 10 })).toEqual([])
  }, 60_000)

  test('an ID number in a live application or on file is refused by its keyed hash', async () => {
    const idNumber = readCsv(source.csv.households).rows[0].cells[3]
    const hash = target.deps.cipher.keyedHash(idNumber)
    await store.transaction(async (repos) => {
      await repos.applications.insert({
        id: 'app-live', number: 'MLS-2026-000001', applicantOpenid: 'w-1', unitId: 'unit-a1', status: 'screening', version: 1, name: '王某某',
        idNumberEnc: target.deps.cipher.encrypt(idNumber), idNumberHash: hash, phoneEnc: '', employer: '', mainCause: 'illness', timeline: [], createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z',
      })
      await repos.claims.create(openApplicationForId(hash), 'app-live')
    })
    expect(problemsOf(await target.run(files(source.csv)))).toEqual(['建档户.csv 第 2 行“身份证号”列：该身份证号已有正在办理的帮扶申请（申请编号MLS-2026-000001），请先办结该申请'])

    // The second person already has a file here, under another number.
    const second = readCsv(source.csv.households).rows[1].cells[3]
    await store.transaction(async (repos) => {
      const h = { id: 'hh-1', number: 'MLS-H-2026-000777', unitId: 'unit-a1', category: 'deep', status: 'filed', headName: '王某某', memberCount: 1, applicationIds: [], cadres: [], history: [], version: 1, filedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } as const
      await repos.households.insert({ ...h, applicationIds: [], cadres: [], history: [], idNumberEnc: '', idNumberHash: target.deps.cipher.keyedHash(second), lastContactOn: null })
      await repos.claims.create(householdOf(target.deps.cipher.keyedHash(second)), 'hh-1')
    })
    expect(problemsOf(await target.run(files(source.csv), true))).toEqual([
      '建档户.csv 第 2 行“身份证号”列：该身份证号已有正在办理的帮扶申请（申请编号MLS-2026-000001），请先办结该申请',
      '建档户.csv 第 3 行“身份证号”列：该身份证号已有档案（档案编号MLS-H-2026-000777），不能重复导入',
    ])
  }, 60_000)

  test('a batch that fails leaves the others written, one audit event, and a rerun finishes the import', async () => {
    const many = sixty()
    let n = 0
    const flaky: Store = { ...store, repos: store.repos, transaction: (work) => (++n === 2 ? Promise.reject(new Error('connection lost')) : store.transaction(work)) }
    await expect(importHouseholds({ ...target.deps, store: flaky }, { households: many }, { dryRun: false, operator: '赵强' })).rejects.toThrow(
      /^1 of 5 batches failed \(connection lost\); \d+ households were written: run the same import again to finish it$/,
    )
    const events = (await store.repos.audit.list(null, 10)).filter((e) => e.action === 'household.import')
    expect(events).toEqual([expect.objectContaining({ detail: expect.objectContaining({ failedBatches: 1 }) })])
    const rerun = await target.run({ households: many })
    expect(rerun).toMatchObject({ ok: true })
    expect(rerun.ok && rerun.households + rerun.skipped).toBe(60)
    expect(rerun.ok && rerun.households).toBe(60 - (events[0].detail.households as number))
    expect(await store.repos.households.listPage({ under: 'unit-root', after: null, limit: 100 })).toHaveLength(60)
  }, 120_000)

  test('two runs of the same files at once write each household once', async () => {
    const runs = await Promise.allSettled([target.run(files(source.csv)), target.run(files(source.csv))])
    const written = runs.map((r) => (r.status === 'fulfilled' && r.value.ok ? r.value.households : 0))
    expect(written.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3)
    await target.run(files(source.csv))
    const all = await store.repos.households.listPage({ under: 'unit-root', after: null, limit: 10 })
    expect(all.map((h) => h.number).sort()).toEqual(readCsv(source.csv.households).rows.map((r) => r.cells[0]).sort())
    expect((await Promise.all(all.map((h) => store.repos.ledger.listByHousehold(h.id)))).flat()).toHaveLength(3)
  }, 60_000)

  test('sixty households go in batches that fit a transaction of 100 writes', async () => {
    const result = await target.run({ households: sixty() })
    expect(problemsOf(result)).toEqual([])
    expect(result).toMatchObject({ ok: true, households: 60, batches: 5 })
    expect(await store.repos.households.listPage({ under: 'unit-root', after: null, limit: 100 })).toHaveLength(60)
  }, 120_000)
})

test('an XLSX export imports too (through the bounded reader in its thread) and exports again to the same CSV', async () => {
  const { dir, cleanup } = tempDir()
  const store = openSqliteStore(join(dir, 'lantian.db'))
  try {
    const target = await importTarget(store)
    expect(await target.run(files(source.xlsx, 'xlsx'))).toMatchObject({ ok: true, households: 3, entries: 3 })
    expect(text((await target.exportAll()).households)).toBe(text(source.csv.households))
    expect(text((await target.exportAll()).ledger)).toBe(text(source.csv.ledger))
  } finally {
    await store.close()
    cleanup()
  }
}, 60_000)

describe('members, measures and contacts files', () => {
  let store: Store
  let target: Awaited<ReturnType<typeof importTarget>>
  let cleanup: () => void
  beforeEach(async () => {
    const tmp = tempDir()
    cleanup = tmp.cleanup
    store = openSqliteStore(join(tmp.dir, 'lantian.db'))
    target = await importTarget(store)
  })
  afterEach(async () => {
    await store.close()
    cleanup()
  })

  /** The source with the first household's members listed in its cell, and the three files about it (the examples of deploy/, renumbered). */
  function withParts(memberCell = '配偶：李小红；子女：张小明') {
    // A household on file (not the deregistered one), so the page offers its actions.
    const t = readCsv(source.csv.households)
    const at = t.rows.findIndex((r) => r.cells[t.header.indexOf('档案状态')] === '在档')
    const number = t.rows[at].cells[0]
    const example = (name: string) => new Uint8Array(Buffer.from(readFileSync(join(__dirname, '../../deploy', name), 'utf8').replaceAll('MLS-H-2019-000012', number)))
    return {
      number,
      files: {
        ...files(source.csv),
        households: { name: '建档户.csv', bytes: edited(source.csv.households, (cell, i) => void (i === at && cell('家庭成员', memberCell))) },
        members: { name: '家庭成员.csv', bytes: example('household-members.example.csv') },
        measures: { name: '帮扶措施.csv', bytes: example('household-measures.example.csv') },
        contacts: { name: '联系记录.csv', bytes: example('household-contacts.example.csv') },
      },
    }
  }

  test('members come in full with their ID numbers encrypted and claimed; measures and contacts join the file', async () => {
    const { number, files: all } = withParts()
    expect(await target.run(all)).toMatchObject({ ok: true, households: 3, measures: 3, contacts: 1 })
    const h = (await store.repos.households.search('unit-root', number, 1))[0]
    const app = (await store.repos.applications.get(h.applicationIds[0]))!
    const form = openForm(target.deps.cipher, app.formSealed!)
    expect(form.members.map((m) => [m.name, m.relation, m.idNumber, m.health, m.monthlyIncome])).toEqual([
      ['李小红', 'spouse', '532504198803159926', 'healthy', 80_000],
      ['张小明', 'child', '532504201209019917', 'healthy', 0],
    ])
    expect(app.formSealed).not.toContain('532504198803159926')
    expect(app.memberIdHashes).toEqual([target.deps.cipher.keyedHash('532504198803159926'), target.deps.cipher.keyedHash('532504201209019917')])
    expect((await store.repos.claims.get(householdMemberOfId(app.memberIdHashes![0])))?.holder).toBe(app.id)
    expect((await store.repos.measures.listByHousehold(h.id)).map((m) => [m.kind, m.description, m.status])).toEqual(expect.arrayContaining([
      ['medical', '协助办理大病医疗二次报销', 'done'],
      ['schooling', '子女助学金', 'in-progress'],
    ]))
    const contacts = await store.repos.contacts.listByHousehold(h.id, { offset: 0, limit: 10 })
    expect(contacts.items.map((c) => [c.on, c.kind, c.byName])).toEqual([['2020-06-18', 'visit', '李某']])
    // The latest of the household file's day and the contacts' (the source's own contact, if this is its household, is later).
    const t = readCsv(source.csv.households)
    const kept = t.rows.find((r) => r.cells[0] === number)!.cells[t.header.indexOf('最近联系日期')]
    expect(h.lastContactOn).toBe(kept > '2020-06-18' ? kept : '2020-06-18')
  })

  test('an imported household opens on the household page with its members, measures, ledger and contacts', async () => {
    const { number, files: all } = withParts()
    await target.run(all)
    const h = (await store.repos.households.search('unit-root', number, 1))[0]
    const view = await getHousehold(target.deps as never, CITY_REVIEWER, { householdId: h.id })
    expect(view.members.map((m) => m.relation)).toEqual(['spouse', 'child'])
    expect(view.members[0].idNumberMasked).toMatch(/^5325\*+9926$/)
    expect(view.measures.length).toBeGreaterThanOrEqual(2)
    expect(view.contacts.map((c) => c.notes)).toContain('入户走访，了解治疗和孩子上学情况')
    expect(view.fundsTotalFen).toBe(view.ledger.reduce((n, e) => n + e.amountFen, 0))
    expect(view.actions).toEqual(expect.arrayContaining(['recordPayment', 'addContact']))
  })

  test('members that disagree with the household file, or repeat an ID number, are problems of their lines', async () => {
    const { files: all } = withParts('配偶：李小红')
    expect(problemsOf(await target.run(all, true))).toEqual([expect.stringMatching(/^建档户\.csv 第 \d 行“家庭成员”列：与家庭成员\.csv中这一户的成员（第 2、3 行）不一致/)])
    const twice = { ...withParts().files, members: { name: '家庭成员.csv', bytes: new Uint8Array(Buffer.from(text(withParts().files.members.bytes).replace('532504201209019917', '532504198803159926'))) } }
    expect(problemsOf(await target.run(twice, true))).toEqual(['家庭成员.csv 第 3 行“身份证号”列：与第 2 行的身份证号相同'])
  })
})

test('npm run import:households: a dry run, the import, a rerun that skips, and a bad file refused with its problems', async () => {
  const { dir, cleanup } = tempDir()
  try {
    const store = openSqliteStore(join(dir, 'lantian.db'))
    await store.transaction(async (repos) => {
      for (const u of UNITS) await repos.units.put(u)
    })
    await store.close()
    loadOrCreateKeyFile(join(dir, 'keys'), 'data.key')
    writeFileSync(join(dir, 'households.csv'), source.csv.households)
    writeFileSync(join(dir, 'ledger.csv'), source.csv.ledger)
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import-households.ts', '--local', dir, '--operator', '赵强', ...args], { cwd: join(__dirname, '../..'), encoding: 'utf8' })
    const both = ['--households', join(dir, 'households.csv'), '--ledger', join(dir, 'ledger.csv')]
    const dry = cli(...both, '--dry-run')
    expect(dry.stdout).toContain('试运行，未写入任何数据')
    expect(dry.stdout).toContain('建档户 3 户（此前已导入、本次跳过 0 户）')
    expect(cli(...both).stdout).toContain('资金台账 3 笔（标记为迁移数据）')
    expect(cli(...both).stdout).toContain('建档户 0 户（此前已导入、本次跳过 3 户）')
    writeFileSync(join(dir, 'bad.csv'), edited(source.csv.households, (cell) => void cell('档案状态', '不知道')))
    const bad = cli('--households', join(dir, 'bad.csv'))
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('导入未进行：发现 3 处问题，没有写入任何数据。')
    expect(bad.stderr).toContain('bad.csv 第 3 行“档案状态”列：“不知道”不是可选的值（可选：在档、已注销）')
  } finally {
    cleanup()
  }
}, 120_000)
