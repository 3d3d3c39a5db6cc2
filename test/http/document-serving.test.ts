import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { submission, tempDir } from '../support/deps'
import { JPEG } from '../support/review'
import { demoDataDir } from '../support/demo-template'

/**
 * How the local server hands out a worker's document: never as a file at a URL (the bytes sit
 * encrypted in the data directory, and no route reads them), only inside a JSON reply to the
 * caseworker's viewDocument, with nosniff, under the name cleaned of control and bidi characters,
 * with the type sniffed from its bytes when it was uploaded (so the page previews an image from a
 * data URL of that type and downloads a PDF as an attachment).
 */
describe('documents over HTTP', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>
  beforeAll(async () => {
    tmp = tempDir()
    // The web root and the data directory side by side, as the default configuration has them.
    mkdirSync(join(tmp.dir, 'web'))
    writeFileSync(join(tmp.dir, 'web', 'index.html'), '<!doctype html><title>蓝天帮扶</title>')
    await demoDataDir(join(tmp.dir, 'data'))
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: join(tmp.dir, 'web'), sessionHours: 1 })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  // Same-origin requests, as the H5 app sends them.
  const headers = (cookie: string, type: string) => ({ 'content-type': type, cookie, origin: app.url })
  async function signIn(account: string): Promise<string> {
    const res = await fetch(`${app.url}/demo-login`, { method: 'POST', headers: headers('', 'application/x-www-form-urlencoded'), body: `account=${account}&next=/`, redirect: 'manual' })
    return (res.headers.get('set-cookie') ?? '').split(';')[0]
  }
  const call = async (cookie: string, fn: string, action: string, input: unknown) => {
    const res = await fetch(`${app.url}/api/${fn}`, { method: 'POST', headers: headers(cookie, 'application/json'), body: JSON.stringify({ action, input }) })
    return { res, body: (await res.json()) as { ok: boolean; data?: any; error?: any } }
  }

  it('a document travels only through its audited temporary link, nosniff, under its cleaned name', async () => {
    const worker = await signIn('new-worker')
    const form = submission({ idNumber: '532504201003030029', memberIds: [] })
    const draft = await call(worker, 'applicant', 'saveDraft', { values: form.form, step: 'documents' })
    const query = new URLSearchParams({ applicationId: draft.body.data.id, kind: 'income-proof', fileName: '收入证明\u202Egpj.exe\u0000' })
    const uploaded = await fetch(`${app.url}/api/upload?${query}`, { method: 'POST', headers: headers(worker, 'application/octet-stream'), body: JPEG as unknown as BodyInit })
    expect(await uploaded.json()).toMatchObject({ ok: true, data: { fileName: '收入证明gpj.exe', contentType: 'image/jpeg' } })
    expect((await call(worker, 'applicant', 'submit', form)).body.ok).toBe(true)

    const caseworker = await signIn('caseworker')
    const doc = (await app.deps.store.repos.applications.get(draft.body.data.id))!.documents![0]
    const viewed = await call(caseworker, 'review', 'viewDocument', { id: draft.body.data.id, documentId: doc.id })
    expect(viewed.res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(viewed.res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(viewed.body).toMatchObject({ ok: true, data: { fileName: '收入证明gpj.exe', contentType: 'image/jpeg', url: expect.stringContaining('/files/') } })
    const link = await fetch(new URL(viewed.body.data.url, app.url))
    expect(link.headers.get('content-type')).toBe('image/jpeg')
    expect(link.headers.get('x-content-type-options')).toBe('nosniff')
    expect(link.headers.get('content-disposition')).toBe('inline')
    expect(Buffer.from(await link.arrayBuffer()).equals(Buffer.from(JPEG))).toBe(true)

    // The stored key is no link: asking for it by path never gets the bytes.
    for (const path of [`/${doc.storageKey}`, `/files/${doc.storageKey}`, `/data/files/${doc.storageKey}`, `/../data/files/${doc.storageKey}`]) {
      const res = await fetch(`${app.url}${path}`, { headers: { cookie: caseworker } })
      expect(res.headers.get('content-type')).toMatch(/^text\/(html|plain); charset=utf-8$/)
      expect(Buffer.from(await res.arrayBuffer()).includes(Buffer.from(JPEG.subarray(0, 6)))).toBe(false)
    }
  })
})
