/**
 * The family's address and phone, two fields of the registry with no code of their own, from the
 * submission to the export: sealed at rest, the address shown and the phone masked to the worker
 * and on the case page, the phone revealed to staff through the audited reveal, both on the
 * household file (the phone masked), and both in the export, the phone in full only for a reviewer.
 */
import ExcelJS from 'exceljs'
import type { ApiReply, ApplicationView } from '../../src/domain'
import type { ExportedFile } from '../../src/domain/api/households'
import type { FileStore } from '../../server/ports'
import { exportedBytes } from '../support/exports'
import { householdFixture, nextIdNumber, type HouseholdFixture } from '../support/households'
import { formValues } from '../support/forms'

const { homeAddress: ADDRESS, homePhone: PHONE } = formValues().applicant
const MASKED = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`

const ok = <T>(r: ApiReply<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}

/** The export's cells of the row whose 姓名 is `name`, by header. */
async function rowOf(files: FileStore, file: ExportedFile, name: string): Promise<Record<string, string>> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await exportedBytes(files, file)) as never)
  const rows = workbook.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map((c) => (c === undefined || c === null ? '' : String(c))))
  const [header, ...body] = rows
  const row = body.find((r) => r[header.indexOf('姓名')] === name)!
  return Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']))
}

describe('the family address and phone, from submission to the export', () => {
  let f: HouseholdFixture
  beforeAll(async () => (f = await householdFixture()))
  afterAll(() => f.close())

  it('are sealed, shown (the phone masked), revealed with an audit, filed and exported', async () => {
    const appId = await f.submit('w-home', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [], name: '赵家和' })
    const rec = await f.deps.store.repos.applications.get(appId)
    expect(JSON.stringify(rec)).not.toMatch(new RegExp(`${PHONE}|${ADDRESS}`))

    // The worker's own view and the case page: the address as given, the phone masked.
    const mine = ok<ApplicationView>(await f.call('w-home', 'applicant', 'getMine', { id: appId }))
    const onCase = await f.view('o-caseworker', appId)
    for (const view of [mine, onCase.application]) {
      expect(view.details?.applicant).toMatchObject({ homeAddress: ADDRESS, homePhoneMasked: MASKED })
      expect(JSON.stringify(view)).not.toContain(PHONE)
    }

    // Staff reveal it like the applicant's phone, and every reveal is recorded; a worker may not.
    const revealed = ok<{ value: string }>(await f.call('o-caseworker', 'review', 'reveal', { id: appId, field: 'applicant.homePhone' }))
    expect(revealed.value).toBe(PHONE)
    const audits = (await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action === 'application.reveal' && e.subject === appId)
    expect(audits.map((e) => e.detail)).toEqual([{ field: 'applicant.homePhone' }])
    expect(await f.call('w-home', 'review', 'reveal', { id: appId, field: 'applicant.homePhone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await f.call('o-caseworker', 'review', 'reveal', { id: appId, field: 'applicant.homeAddress' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'field' } })

    // Filed: the household file shows both, the phone masked.
    await f.walkTo(appId, 'filed')
    const householdId = (await f.deps.store.repos.applications.get(appId))!.householdId!
    const file = await f.ok('o-caseworker', 'get', { householdId })
    expect(file.filing).toEqual([
      { path: 'applicant.homeAddress', text: ADDRESS },
      { path: 'applicant.homePhone', text: MASKED },
    ])
    expect(JSON.stringify(file)).not.toContain(PHONE)

    // The export: the address for everyone, the phone in full for a reviewer only.
    const masked = await rowOf(f.deps.files, await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'xlsx' }), '赵家和')
    expect(masked).toMatchObject({ 家庭住址: ADDRESS, 家庭联系电话: MASKED })
    const full = await rowOf(f.deps.files, await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '核对联系电话' }), '赵家和')
    expect(full).toMatchObject({ 家庭住址: ADDRESS, 家庭联系电话: PHONE, 联系电话: '13812345678' })
  })

  it('leave a form filed before they existed readable, with nothing to show for them', async () => {
    const appId = await f.submit('w-old', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [], name: '钱旧档' })
    // Seal the form again without the two fields, as a form submitted before them was stored.
    const rec = (await f.deps.store.repos.applications.get(appId))!
    const { homeAddress: _a, homePhone: _p, ...applicant } = JSON.parse(f.deps.cipher.decrypt(rec.formSealed!)).applicant
    const old = { ...JSON.parse(f.deps.cipher.decrypt(rec.formSealed!)), applicant }
    await f.deps.store.repos.applications.update({ ...rec, formSealed: f.deps.cipher.encrypt(JSON.stringify(old)), version: rec.version + 1 }, rec.version)
    expect((await f.view('o-caseworker', appId)).application.details?.applicant).toMatchObject({ homePhoneMasked: '' })
    await f.walkTo(appId, 'filed')
    const householdId = (await f.deps.store.repos.applications.get(appId))!.householdId!
    expect((await f.ok('o-caseworker', 'get', { householdId })).filing).toEqual([])
    expect(await rowOf(f.deps.files, await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '核对联系电话' }), '钱旧档')).toMatchObject({ 家庭住址: '', 家庭联系电话: '' })
  })
})
