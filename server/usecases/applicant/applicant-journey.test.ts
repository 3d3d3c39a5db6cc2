import { readFileSync } from 'node:fs'
import type { Actor } from '../../../src/domain'
import type { Deps, Repositories } from '../../ports'
import { stageDueAt } from '../../../src/domain/review'
import { CURRENT_CONSENT } from '../../../src/domain/consent'
import { MAX_DOCUMENT_BYTES } from '../../../src/domain/documents'
import { call, checkedSubmission, formValues, sqliteDeps, TEST_POLICY } from '../../../test/support/deps'
import { findAuditBreak } from '../shared/audit-check'
import { getMyApplication, listMyApplications } from './read-my-applications'
import { changeStatus } from '../shared/status-change'
import { openForm } from '../shared/sealed-form'
import { submitApplication } from './submit-application'
import { addDocument, prepareUpload, registerDocument, removeDocument } from './documents'
import { removeStaleUploads, UPLOAD_TTL_MS } from '../shared/uploads'
import { getDraft, saveDraft } from './drafts'
import { runSelfCheck } from './self-check'
import { resubmitApplication, withdrawApplication } from './withdraw-resubmit'

const worker = (openid: string): Actor => ({ openid, roles: ['worker'] })
const caseworker: Actor = { openid: 'cw', roles: ['worker', 'caseworker'], unitId: 'unit-root' }
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
const PDF = new TextEncoder().encode('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj')

function readDbBytes(file: string): string {
  const wal = (() => {
    try {
      return readFileSync(`${file}-wal`)
    } catch {
      return Buffer.alloc(0)
    }
  })()
  return Buffer.concat([readFileSync(file), wal]).toString('latin1')
}

describe('the applicant journey (SQLite)', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeEach(async () => {
    t = sqliteDeps()
    await t.ready
  })
  afterEach(() => t.close())

  const draftOf = async (openid: string) => (await getDraft(t.deps, worker(openid))).draft

  it('self-check: the category against the policy the township inherits from the city', async () => {
    const r = await runSelfCheck(t.deps, worker('w1'), {
      unitId: 'unit-532504001', householdSize: 3, annualIncome: 2_400_000, medicalExpenses: 600_000, schoolingExpenses: 300_000,
      otherRigidExpenses: 0, accidentOrDisaster: false, hardshipCosts: 0,
    })
    expect(r.policyUnitName).toBe('弥勒市总工会')
    expect(r.assessment).toMatchObject({ category: 'deep', perCapitaMonthlyFen: 41666, thresholds: { deepLineFen: 78000, relativeLineFen: 156000 } })
    expect(r.documents.map((d) => d.kind)).toContain('medical-bills')
    await expect(runSelfCheck(t.deps, worker('w1'), { ...r.assessment.thresholds, unitId: 'nope' } as never)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('keeps one draft per worker, sealed, with the step and the consent and its time', async () => {
    expect(await draftOf('w1')).toBeNull()
    const first = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'applicant' })
    t.clock.advance(60_000)
    const second = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'members', consent: { ...CURRENT_CONSENT } })
    expect(second.id).toBe(first.id)
    expect(second.version).toBe(first.version + 1)
    const draft = await draftOf('w1')
    expect(draft).toMatchObject({ id: first.id, status: 'draft', step: 'members', values: formValues(), consent: { ...CURRENT_CONSENT, agreedAt: '2026-03-02T02:01:00.000Z' } })
    // The consent keeps its first time; a later save does not move it.
    t.clock.advance(60_000)
    await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'finances', consent: { ...CURRENT_CONSENT } })
    expect((await draftOf('w1'))?.consent?.agreedAt).toBe('2026-03-02T02:01:00.000Z')
    const bytes = readDbBytes(t.file)
    for (const secret of ['532504199001011238', '532504198503150022', '13812345678', '6228480123456789012']) expect(bytes).not.toContain(secret)
    expect(await draftOf('w2')).toBeNull()
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  it('submits the draft itself: same id, a number, the documents kept, the assessment stored, and a retry changes nothing', async () => {
    const { id } = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents', consent: { ...CURRENT_CONSENT } })
    const doc = await addDocument(t.deps, worker('w1'), { applicationId: id, kind: 'id-card', fileName: '身份证.jpg', bytes: JPEG })
    const r = await submitApplication(t.deps, worker('w1'), checkedSubmission(), call('req-sub-0001'))
    const again = await submitApplication(t.deps, worker('w1'), checkedSubmission(), call('req-sub-0001'))
    expect(again).toEqual(r)
    expect(r).toMatchObject({ id, number: 'MLS-2026-000001', status: 'submitted' })
    const view = await getMyApplication(t.deps, worker('w1'), { id })
    expect(view.documents).toEqual([doc])
    expect(view.assessment).toMatchObject({ category: 'deep' })
    expect(view.details).toMatchObject({
      applicant: { idNumberMasked: '5325**********1238', phoneMasked: '138****5678', birthDate: '1990-01-01', gender: 'male', unitName: '弥阳街道总工会' },
      members: [{ name: '李小红', idNumberMasked: '5325**********0022' }],
      bank: { accountNumberMasked: '6228 **** 9012' },
    })
    expect(view.timeline.map((e) => e.status)).toEqual(['submitted'])
    expect(JSON.stringify(view)).not.toMatch(/532504199001011238|13812345678|6228480123456789012|532504198503150022/)
    expect(await draftOf('w1')).toBeNull()
    expect((await listMyApplications(t.deps, worker('w1'), { page: 1, pageSize: 10 })).total).toBe(1)
  })

  it('refuses the worker’s own duplicate ID number and flags a member’s for the caseworker', async () => {
    const a = await submitApplication(t.deps, worker('w1'), checkedSubmission(), call())
    // Another worker with w1's own ID number as applicant: refused.
    await expect(submitApplication(t.deps, worker('w2'), checkedSubmission({ memberIds: [] }), call())).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'form.applicant.idNumber',
    })
    // w1's wife applies herself, naming w1 and their child: flagged twice, not refused.
    const wife = await submitApplication(
      t.deps,
      worker('w2'),
      checkedSubmission({ idNumber: '532504198503150022', name: '李小红', memberIds: ['532504199001011238', '532504201003030029'] }),
      call(),
    )
    const rec = await t.deps.store.repos.applications.get(wife.id)
    expect(rec?.duplicateFlags).toEqual([
      { field: 'applicant.idNumber', otherApplicationId: a.id, as: 'member' },
      { field: 'members.0.idNumber', otherApplicationId: a.id, as: 'applicant' },
    ])
    expect(rec?.memberIdHashes).toHaveLength(2)
    // Once w1 withdraws, their numbers are free again.
    await withdrawApplication(t.deps, worker('w1'), { id: a.id, expectedVersion: 1 })
    const b = await submitApplication(t.deps, worker('w3'), checkedSubmission({ memberIds: [] }), call())
    expect(b.status).toBe('submitted')
  })

  it('withdraws a submitted application with a message, and deletes a draft with its files quietly', async () => {
    const a = await submitApplication(t.deps, worker('w1'), checkedSubmission(), call())
    t.clock.advance(60_000)
    const w = await withdrawApplication(t.deps, worker('w1'), { id: a.id, expectedVersion: 1 })
    expect(w).toEqual({ id: a.id, status: 'withdrawn', version: 2 })
    expect((await t.deps.store.repos.messages.listFor('w1', { offset: 0, limit: 10 })).items.map((m) => m.title)).toEqual([
      '申请MLS-2026-000001：已撤回',
      '申请MLS-2026-000001：已提交',
    ])
    await expect(withdrawApplication(t.deps, worker('w1'), { id: a.id, expectedVersion: 2 })).rejects.toMatchObject({ code: 'CONFLICT' })

    const d = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents' })
    const doc = await addDocument(t.deps, worker('w1'), { applicationId: d.id, kind: 'hukou', fileName: '户口本.pdf', bytes: PDF })
    const rec = await t.deps.store.repos.applications.get(d.id)
    const key = rec!.documents![0].storageKey
    expect(await t.deps.files.get(key, 100)).not.toBeNull()
    await withdrawApplication(t.deps, worker('w1'), { id: d.id, expectedVersion: rec!.version })
    expect(await t.deps.files.get(key, 100)).toBeNull()
    expect(doc.kind).toBe('hukou')
    expect(await draftOf('w1')).toBeNull()
    expect((await t.deps.store.repos.messages.listFor('w1', { offset: 0, limit: 10 })).total).toBe(2)
  })

  it('returned, fixed and resubmitted: the fields to fix shown, both versions kept, the change named in the timeline', async () => {
    const a = await submitApplication(t.deps, worker('w1'), checkedSubmission(), call())
    await t.deps.store.transaction(async (repos) => {
      const rec = await repos.applications.get(a.id)
      const screening = await changeStatus(t.deps, repos, caseworker, rec!, 'startScreening', { expectedVersion: 1 })
      await changeStatus(t.deps, repos, caseworker, { ...screening, fieldsToFix: ['members.0.idNumber', 'finances.annualIncome'] }, 'returnToWorker', {
        expectedVersion: 2,
        note: '请核对配偶身份证号和家庭年收入',
      })
    })
    const draft = await draftOf('w1')
    expect(draft).toMatchObject({ id: a.id, status: 'returned', number: a.number, fieldsToFix: ['members.0.idNumber', 'finances.annualIncome'], returnNote: '请核对配偶身份证号和家庭年收入', step: 'review' })
    expect(draft?.values).toEqual(formValues())

    // Another worker can do nothing with it.
    const fixed = checkedSubmission({ memberIds: ['532504201206060041'] })
    fixed.form.finances.annualIncome = 2_600_000
    await expect(resubmitApplication(t.deps, worker('w2'), { ...fixed, id: a.id, expectedVersion: 3 }, call())).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(resubmitApplication(t.deps, worker('w1'), { ...fixed, id: a.id, expectedVersion: 2 }, call())).rejects.toMatchObject({ code: 'CONFLICT' })

    t.clock.advance(3_600_000)
    const r = await resubmitApplication(t.deps, worker('w1'), { ...fixed, id: a.id, expectedVersion: 3 }, call('req-resub-01'))
    expect(r).toEqual({ id: a.id, number: a.number, status: 'submitted', version: 4 })
    expect(await resubmitApplication(t.deps, worker('w1'), { ...fixed, id: a.id, expectedVersion: 3 }, call('req-resub-01'))).toEqual(r)
    const rec = await t.deps.store.repos.applications.get(a.id)
    expect(rec?.submissions).toHaveLength(2)
    expect(rec?.submissions?.[1].changedFields).toEqual(['finances.annualIncome', 'members.0.idNumber'])
    // The form is stored once: the current version only as the record's form, the earlier one with its entry.
    expect(rec?.submissions?.[1].formSealed).toBeUndefined()
    expect(openForm(t.deps.cipher, rec!.submissions![0].formSealed!).finances.annualIncome).not.toBe(openForm(t.deps.cipher, rec!.formSealed!).finances.annualIncome)
    expect(openForm(t.deps.cipher, rec!.formSealed!)).toEqual(fixed.form)
    expect(rec?.fieldsToFix).toBeUndefined()
    const view = await getMyApplication(t.deps, worker('w1'), { id: a.id })
    expect(view.submissionCount).toBe(2)
    expect(view.timeline.map((e) => e.status)).toEqual(['submitted', 'screening', 'returned', 'submitted'])
    expect(view.timeline[3].note).toBe('已修改：家庭年收入、家庭成员1身份证号')
    expect(view.details?.members[0].idNumberMasked).toBe('5325**********0041')
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  it('a resubmit and a draft’s submit find the unit’s policy once, and take the stage’s deadline from it', async () => {
    await t.deps.store.repos.policies.put({ ...TEST_POLICY, stageDeadlineDays: { submitted: 3 } })
    let policyReads = 0
    const countingPolicies = (repos: Repositories): Repositories => ({ ...repos, policies: { ...repos.policies, get: (id) => (policyReads++, repos.policies.get(id)) } })
    // The policy reads of every transaction: each walks the unit's path (the township's own, then the city's ...).
    const counted: Deps = {
      ...t.deps,
      store: {
        ...t.deps.store,
        transaction: (work) => t.deps.store.transaction((repos) => work(countingPolicies(repos))),
        transactionKeeping: (work) => t.deps.store.transactionKeeping!((repos, keep) => work(countingPolicies(repos), keep)),
      },
    }
    await saveDraft(counted, worker('w1'), { values: formValues(), step: 'review' })
    policyReads = 0
    const a = await submitApplication(counted, worker('w1'), checkedSubmission(), call())
    // The form's unit has no policy of its own: one walk reads each unit's on its path, up to the root's.
    const walk = (await t.deps.store.repos.units.get(checkedSubmission().form.applicant.unitId))!.path.length
    expect(walk).toBeGreaterThan(1)
    expect(policyReads).toBe(walk)
    expect((await t.deps.store.repos.applications.get(a.id))?.dueAt).toBe(stageDueAt(t.clock.now(), 3))
    await t.deps.store.transaction(async (repos) => {
      const screening = await changeStatus(t.deps, repos, caseworker, (await repos.applications.get(a.id))!, 'startScreening', { expectedVersion: a.version })
      await changeStatus(t.deps, repos, caseworker, { ...screening, fieldsToFix: ['finances.annualIncome'] }, 'returnToWorker', { expectedVersion: a.version + 1, note: '请核对家庭年收入' })
    })
    t.clock.advance(3_600_000)
    policyReads = 0
    await resubmitApplication(counted, worker('w1'), { ...checkedSubmission(), id: a.id, expectedVersion: a.version + 2 }, call())
    expect(policyReads).toBe(walk)
    expect((await t.deps.store.repos.applications.get(a.id))?.dueAt).toBe(stageDueAt(t.clock.now(), 3))
  })

  it('worker B can neither read, change, withdraw, resubmit nor touch the documents of A’s application', async () => {
    const d = await saveDraft(t.deps, worker('A'), { values: formValues(), step: 'documents' })
    const doc = await addDocument(t.deps, worker('A'), { applicationId: d.id, kind: 'id-card', fileName: 'a.jpg', bytes: JPEG })
    const B = worker('B')
    const notFound = { code: 'NOT_FOUND' }
    await expect(getMyApplication(t.deps, B, { id: d.id })).rejects.toMatchObject(notFound)
    await expect(withdrawApplication(t.deps, B, { id: d.id, expectedVersion: 3 })).rejects.toMatchObject(notFound)
    await expect(addDocument(t.deps, B, { applicationId: d.id, kind: 'id-card', fileName: 'b.jpg', bytes: JPEG })).rejects.toMatchObject(notFound)
    await expect(removeDocument(t.deps, B, { applicationId: d.id, documentId: doc.id })).rejects.toMatchObject(notFound)
    await expect(prepareUpload(t.deps, B, { applicationId: d.id, kind: 'id-card', fileName: 'b.jpg' })).rejects.toMatchObject(notFound)
    await expect(registerDocument(t.deps, B, { applicationId: d.id, kind: 'id-card', fileName: 'b.jpg', fileId: 'x' })).rejects.toMatchObject(notFound)
    // B's own draft is B's: saving it never touches A's.
    await saveDraft(t.deps, B, { values: formValues({ name: '王五' }), step: 'applicant' })
    expect((await draftOf('A'))?.values.applicant.name).toBe('张小明')

    const a = await submitApplication(t.deps, worker('A'), checkedSubmission(), call())
    await expect(getMyApplication(t.deps, B, { id: a.id })).rejects.toMatchObject(notFound)
    await expect(withdrawApplication(t.deps, B, { id: a.id, expectedVersion: 5 })).rejects.toMatchObject(notFound)
    await expect(resubmitApplication(t.deps, B, { ...checkedSubmission({ idNumber: '11010519491231002X' }), id: a.id, expectedVersion: 5 }, call())).rejects.toMatchObject(notFound)
    expect((await t.deps.store.repos.applications.get(a.id))?.status).toBe('submitted')
  })

  it('documents: type from the bytes, at most 20, no file left when the record cannot be written', async () => {
    const { id } = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents' })
    const meta = { applicationId: id, kind: 'other' as const, fileName: 'x.jpg' }
    await expect(addDocument(t.deps, worker('w1'), { ...meta, bytes: new TextEncoder().encode('<svg onload=alert(1)>') })).rejects.toMatchObject({ code: 'VALIDATION', field: 'file' })
    for (let i = 0; i < 20; i++) await addDocument(t.deps, worker('w1'), { ...meta, bytes: JPEG })
    await expect(addDocument(t.deps, worker('w1'), { ...meta, bytes: JPEG })).rejects.toMatchObject({ code: 'VALIDATION', message: '每份申请最多上传20个文件' })

    const rec = (await t.deps.store.repos.applications.get(id))!
    await removeDocument(t.deps, worker('w1'), { applicationId: id, documentId: rec.documents![0].id })
    expect(await t.deps.files.get(rec.documents![0].storageKey, 100)).toBeNull()

    // The record write fails after the file was stored: the file goes too. (The upload is counted
    // against the caller's rate limit by its upload record, outside any transaction.)
    const stored: string[] = []
    const failing = {
      ...t.deps,
      files: { ...t.deps.files, put: async (p: string, b: Uint8Array, c: string) => (stored.push(p), t.deps.files.put(p, b, c)) },
      store: { ...t.deps.store, transaction: <T>(_work: (r: Repositories) => Promise<T>) => Promise.reject<T>(new Error('disk full')) },
    }
    await expect(addDocument(failing, worker('w1'), { ...meta, bytes: JPEG })).rejects.toThrow('disk full')
    expect(stored).toHaveLength(1)
    expect(await t.deps.files.get(stored[0], 100)).toBeNull()
    expect((await t.deps.store.repos.applications.get(id))!.documents).toHaveLength(19)
  })

  it('registers a file uploaded to the path it gave, and only that; a file of the wrong type is deleted', async () => {
    const { id } = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents' })
    const meta = { applicationId: id, kind: 'income-proof' as const, fileName: '收入证明.pdf' }
    const { cloudPath } = await prepareUpload(t.deps, worker('w1'), meta)
    // The worker's own folder: the storage rules let clients write under uploads/ only.
    expect(cloudPath).toMatch(new RegExp(`^uploads/w1/${id}/document-[\\w-]+-[0-9a-f]{24}$`))
    // As wx.cloud.uploadFile would (the local store stands in for CloudBase storage here).
    const key = await t.deps.files.put(cloudPath, PDF, 'application/pdf')
    expect(await t.deps.store.repos.uploads.olderThan('9999', 10)).toMatchObject([{ key, openid: 'w1', applicationId: id }])
    const doc = await registerDocument(t.deps, worker('w1'), { ...meta, fileId: key })
    expect(doc).toMatchObject({ kind: 'income-proof', contentType: 'application/pdf', size: PDF.length })
    // Registered: its record stays until the timer's sweep (it counts in the upload rate limit).
    expect(await t.deps.store.repos.uploads.olderThan('9999', 10)).toMatchObject([{ key, openid: 'w1', applicationId: id }])
    expect(await registerDocument(t.deps, worker('w1'), { ...meta, fileId: key })).toEqual(doc)

    const forged = `${cloudPath.slice(0, cloudPath.lastIndexOf('-'))}-${'0'.repeat(24)}`
    await expect(registerDocument(t.deps, worker('w1'), { ...meta, fileId: forged })).rejects.toMatchObject({ code: 'VALIDATION', field: 'fileId' })
    const other = await prepareUpload(t.deps, worker('w1'), meta)
    const bad = await t.deps.files.put(other.cloudPath, new TextEncoder().encode('GIF89a'), 'image/gif')
    await expect(registerDocument(t.deps, worker('w1'), { ...meta, fileId: bad })).rejects.toMatchObject({ code: 'VALIDATION', field: 'file' })
    expect(await t.deps.files.get(bad, 100)).toBeNull()
    // Another worker cannot register a file from w1's folder, even with the right token.
    await expect(registerDocument(t.deps, worker('w2'), { ...meta, fileId: key })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('a file too big for the limit is deleted when registered (storage rules cannot check a size)', async () => {
    const { id } = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents' })
    const meta = { applicationId: id, kind: 'income-proof' as const, fileName: '大文件.pdf' }
    const { cloudPath } = await prepareUpload(t.deps, worker('w1'), meta)
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1)
    big.set(PDF)
    const key = await t.deps.files.put(cloudPath, big, 'application/pdf')
    await expect(registerDocument(t.deps, worker('w1'), { ...meta, fileId: key })).rejects.toMatchObject({ code: 'VALIDATION', field: 'file', message: '文件不能超过10 MB，请压缩后重试' })
    expect(await t.deps.files.get(key, 100)).toBeNull()
  })

  it('the timer deletes uploads never registered after a day, keeps a registered one, and forgets both records', async () => {
    const { id } = await saveDraft(t.deps, worker('w1'), { values: formValues(), step: 'documents' })
    const meta = { applicationId: id, kind: 'income-proof' as const, fileName: '收入证明.pdf' }
    const abandoned = await t.deps.files.put((await prepareUpload(t.deps, worker('w1'), meta)).cloudPath, PDF, 'application/pdf')
    const kept = await t.deps.files.put((await prepareUpload(t.deps, worker('w1'), meta)).cloudPath, PDF, 'application/pdf')
    await registerDocument(t.deps, worker('w1'), { ...meta, fileId: kept })
    t.clock.advance(UPLOAD_TTL_MS - 1000)
    expect(await removeStaleUploads(t.deps, 50)).toBe(0)
    t.clock.advance(2000)
    expect(await removeStaleUploads(t.deps, 50)).toBe(1)
    expect(await t.deps.files.get(abandoned, 100)).toBeNull()
    expect(await t.deps.files.get(kept, 100)).not.toBeNull()
    expect(await t.deps.store.repos.uploads.olderThan('9999', 10)).toEqual([])
  })
})
