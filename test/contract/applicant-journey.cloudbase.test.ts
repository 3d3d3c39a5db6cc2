import { randomBytes } from 'node:crypto'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { addDocument, prepareUpload, registerDocument } from '../../server/usecases/applicant/documents'
import { getDraft, saveDraft } from '../../server/usecases/applicant/drafts'
import { resubmitApplication, withdrawApplication } from '../../server/usecases/applicant/withdraw-resubmit'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { getMyApplication } from '../../server/usecases/applicant/read-my-applications'
import { changeStatus } from '../../server/usecases/shared/status-change'
import { submitApplication } from '../../server/usecases/applicant/submit-application'
import type { Actor } from '../../src/domain'
import { CURRENT_CONSENT } from '../../src/domain/consent'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { call, checkedSubmission, formValues, seedTestUnits, TestClock } from '../support/deps'

/**
 * The applicant's use cases on the CloudBase adapters (database and storage) through the real
 * node-sdk against the stand-in: every write of the journey runs inside CloudBase transactions,
 * which allow document operations by _id only.
 */
let standin: Standin
let deps: Deps
const worker = (openid: string): Actor => ({ openid, roles: ['worker'] })
const caseworker: Actor = { openid: 'cw', roles: ['worker', 'caseworker'], unitId: 'unit-root' }
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9])

beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
  resetSdk()
  const store = createCloudbaseStore()
  deps = { store, clock: new TestClock(), ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: cloudbaseFileStore() }
  await seedTestUnits(store)
})
afterAll(() => standin.close())

test('draft, document, submit, return, resubmit, withdraw: all on CloudBase, sealed at rest', async () => {
  const w = worker('o-1')
  const { id } = await saveDraft(deps, w, { values: formValues(), step: 'documents', consent: { ...CURRENT_CONSENT } })
  const local = await addDocument(deps, w, { applicationId: id, kind: 'id-card', fileName: 'a.jpg', bytes: JPEG })
  const { cloudPath } = await prepareUpload(deps, w, { applicationId: id, kind: 'hukou', fileName: 'b.jpg' })
  const fileId = await deps.files.put(cloudPath, JPEG, 'image/jpeg')
  const registered = await registerDocument(deps, w, { applicationId: id, kind: 'hukou', fileName: 'b.jpg', fileId })
  expect((await getDraft(deps, w)).draft?.documents).toEqual([local, registered])

  const submitted = await submitApplication(deps, w, checkedSubmission(), call('req-cb-0001'))
  expect(await submitApplication(deps, w, checkedSubmission(), call('req-cb-0001'))).toEqual(submitted)
  expect(submitted).toMatchObject({ id, number: 'MLS-2026-000001', status: 'submitted' })
  await expect(submitApplication(deps, worker('o-2'), checkedSubmission({ memberIds: [] }), call())).rejects.toMatchObject({ code: 'CONFLICT', field: 'form.applicant.idNumber' })

  await deps.store.transaction(async (repos) => {
    const rec = await repos.applications.get(id)
    const s = await changeStatus(deps, repos, caseworker, rec!, 'startScreening', { expectedVersion: rec!.version })
    await changeStatus(deps, repos, caseworker, { ...s, fieldsToFix: ['bank.accountNumber'] }, 'returnToWorker', { expectedVersion: s.version, note: '账号有误' })
  })
  const draft = (await getDraft(deps, w)).draft!
  expect(draft).toMatchObject({ status: 'returned', fieldsToFix: ['bank.accountNumber'], returnNote: '账号有误' })
  const fixed = checkedSubmission()
  fixed.form.bank.accountNumber = '6228480123456789999'
  const r = await resubmitApplication(deps, w, { ...fixed, id, expectedVersion: draft.version }, call())
  expect(r.status).toBe('submitted')
  const view = await getMyApplication(deps, w, { id })
  expect(view.submissionCount).toBe(2)
  expect(view.details?.bank.accountNumberMasked).toBe('6228 **** 9999')
  await expect(getMyApplication(deps, worker('o-2'), { id })).rejects.toMatchObject({ code: 'NOT_FOUND' })

  await withdrawApplication(deps, w, { id, expectedVersion: r.version })
  expect((await getMyApplication(deps, w, { id })).status).toBe('withdrawn')
  expect(await findAuditBreak(deps.store.repos, deps.cipher)).toBeNull()

  const everything = JSON.stringify([...standin.collections()].map(([name, docs]) => [name, [...docs.values()]]))
  for (const secret of ['532504199001011238', '532504198503150022', '13812345678', '6228480123456789012', '6228480123456789999']) {
    expect(everything).not.toContain(secret)
  }
})
