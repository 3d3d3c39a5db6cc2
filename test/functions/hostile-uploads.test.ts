/**
 * Careless or hostile callers through the event contract: file names carrying NUL, line breaks,
 * right-to-left overrides and other invisible characters are stored and shown cleaned (names
 * stored before cleaning are cleaned when shown); and one identity's submits, uploads and problem
 * reports are limited per window with RATE_LIMITED saying when to try again, while others go on.
 */
import type { ApiReply } from '../../src/domain'
import { handle } from '../../server/functions'
import { handleUpload } from '../../server/functions/upload'
import { RATE_RULES, waitText } from '../../server/usecases/shared/rate-limit'
import { formValues, submission } from '../support/deps'
import { householdFixture, nextIdNumber, type HouseholdFixture } from '../support/households'
import { JPEG } from '../support/review'
import { stationRecord } from '../support/stations'

const MINUTE = 60_000

describe('hostile file names and callers who try too often', () => {
  let f: HouseholdFixture
  beforeAll(async () => {
    f = await householdFixture()
  })
  afterAll(() => f.close())

  type Reply = ApiReply<Record<string, unknown> & { id: string }>
  const call = (openid: string, fn: string, action: string, input: Record<string, unknown>) => handle(fn, { action, input }, { openid }, f.deps) as Promise<Reply>
  const draftOf = async (openid: string) => {
    const r = await call(openid, 'applicant', 'saveDraft', { values: formValues(), step: 'documents' })
    if (!r.ok) throw new Error(r.error.message)
    return r.data.id
  }
  const upload = (openid: string, applicationId: string, fileName: string) => handleUpload({ applicationId, kind: 'id-card', fileName }, JPEG, { openid }, f.deps)

  it('stores and shows file names without control, bidi or invisible characters', async () => {
    const id = await draftOf('w-names')
    const sent = ['invoice\u202Egpj.exe', '身份证\u0000正面\r\n.jpg', '\u2066户口本\u2069\u200B首页.jpg', '../../etc/passwd']
    const replies = []
    for (const name of sent) replies.push(await upload('w-names', id, name))
    expect(replies.map((r) => (r.ok && 'fileName' in r.data ? r.data.fileName : r.ok ? 'no file name' : r.error.code))).toEqual(['invoicegpj.exe', '身份证正面 .jpg', '户口本首页.jpg', '.._.._etc_passwd'])
    const stored = (await f.deps.store.repos.applications.get(id))!.documents!.map((d) => d.fileName)
    expect(stored).toEqual(['invoicegpj.exe', '身份证正面 .jpg', '户口本首页.jpg', '.._.._etc_passwd'])
    // Nothing left once cleaned: the name is missing.
    expect(await upload('w-names', id, '\u202E\u0000\u200B')).toEqual({ ok: false, error: { code: 'VALIDATION', field: 'fileName', message: '缺少文件名' } })
    // The WeChat path's schemas clean the same way.
    expect(await call('w-names', 'applicant', 'prepareUpload', { applicationId: id, kind: 'id-card', fileName: '\u0000\u202E' })).toMatchObject({ ok: false, error: { field: 'fileName' } })
  })

  it('a name stored before names were cleaned is cleaned when shown and when the document is viewed', async () => {
    const appId = await f.submit('w-legacy-name', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    const rec = (await f.deps.store.repos.applications.get(appId))!
    const storageKey = await f.deps.files.put(`documents/${appId}/legacy.jpg`, JPEG, 'image/jpeg')
    const doc = { id: 'doc-legacy', kind: 'id-card' as const, fileName: 'scan\u202Efdp.exe', contentType: 'image/jpeg' as const, size: JPEG.length, storageKey, uploadedAt: rec.createdAt }
    await f.deps.store.repos.applications.update({ ...rec, documents: [doc], version: rec.version + 1 }, rec.version)
    const mine = await call('w-legacy-name', 'applicant', 'getMine', { id: appId })
    expect(mine).toMatchObject({ ok: true, data: { documents: [{ id: 'doc-legacy', fileName: 'scanfdp.exe' }] } })
    const viewed = await call('o-caseworker', 'review', 'viewDocument', { id: appId, documentId: 'doc-legacy' })
    expect(viewed).toMatchObject({ ok: true, data: { fileName: 'scanfdp.exe', contentType: 'image/jpeg' } })
  })

  it('says how long to wait in words a person reads', () => {
    expect(waitText(30_000)).toBe('30 秒')
    expect(waitText(400)).toBe('1 秒')
    expect(waitText(90_000)).toBe('90 秒')
    expect(waitText(91_000)).toBe('2 分钟')
    expect(waitText(60 * MINUTE)).toBe('60 分钟')
    expect(waitText(3 * 60 * MINUTE)).toBe('3 小时')
  })

  it('limits uploads per identity: the 31st in ten minutes is RATE_LIMITED, another person is not, and the window passes', async () => {
    const id = await draftOf('w-uploads')
    const codes: string[] = []
    for (let i = 0; i < RATE_RULES.upload.limit; i++) {
      const r = await upload('w-uploads', id, `材料${i}.jpg`)
      codes.push(r.ok ? 'ok' : r.error.code)
    }
    // Twenty fit an application; the other ten were refused, and counted all the same.
    expect(codes.filter((c) => c === 'ok')).toHaveLength(20)
    expect(codes.filter((c) => c === 'VALIDATION')).toHaveLength(10)
    expect(await upload('w-uploads', id, 'more.jpg')).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 10 分钟后再试' } })
    f.clock.advance(9 * MINUTE + 30_000)
    expect(await call('w-uploads', 'applicant', 'prepareUpload', { applicationId: id, kind: 'id-card', fileName: 'a.jpg' })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请 30 秒后再试' },
    })
    const other = await draftOf('w-uploads-2')
    expect(await upload('w-uploads-2', other, 'mine.jpg')).toMatchObject({ ok: true })
    f.clock.advance(30_000)
    expect(await upload('w-uploads', id, 'more.jpg')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } })
  })

  it('limits submits per identity (resubmits included), whatever their outcome', async () => {
    const form = submission({ idNumber: nextIdNumber(), memberIds: [] })
    form.form.applicant.unitId = 'unit-a1'
    const codes: string[] = []
    for (let i = 0; i < RATE_RULES.submit.limit; i++) {
      const r = await call('w-submits', 'applicant', 'submit', form)
      codes.push(r.ok ? 'ok' : r.error.code)
    }
    expect(codes).toEqual(['ok', ...Array(RATE_RULES.submit.limit - 1).fill('CONFLICT')])
    expect(await call('w-submits', 'applicant', 'submit', form)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 60 分钟后再试' } })
    expect(await call('w-submits', 'applicant', 'resubmit', { ...form, id: 'x', expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    f.clock.advance(60 * MINUTE)
    expect(await call('w-submits', 'applicant', 'submit', form)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('limits problem reports per identity', async () => {
    for (let i = 0; i < 6; i++) await f.deps.store.repos.stations.upsert(stationRecord({ id: `st-rate-${i}`, externalId: `EXT-RATE-${i}` }))
    const report = (openid: string, i: number) => call(openid, 'stations', 'reportProblem', { stationId: `st-rate-${i}`, problem: 'closed', note: '' })
    for (let i = 0; i < RATE_RULES.report.limit; i++) expect(await report('w-reports', i)).toMatchObject({ ok: true })
    f.clock.advance(15 * MINUTE)
    expect(await report('w-reports', 5)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 45 分钟后再试' } })
    expect(await report('w-reports-2', 5)).toMatchObject({ ok: true })
    expect(await f.deps.store.repos.problemReports.list('pending', { offset: 0, limit: 50 })).toMatchObject({ total: 6 })
  })
})
