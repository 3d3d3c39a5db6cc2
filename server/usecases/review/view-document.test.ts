/**
 * Opening a document: a temporary link per audited view, for any allowed size (the bytes never pass
 * through the function reply), served locally by the local server's `/files/<token>` route.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { MAX_DOCUMENT_BYTES } from '../../../src/domain/documents'
import { fileLinks, FILE_LINK_PREFIX } from '../../adapters/files/file-links'
import { localFileStore } from '../../adapters/files/local-file-store'
import { serveFileLink } from '../../local/file-link-route'
import { reviewFixture, type ReviewFixture, JPEG } from '../../../test/support/review'
import { tempDir } from '../../../test/support/deps'
import { addVisitPhoto } from './visit'
import { resolveActor } from '../shared/actor'
import { DOCUMENT_LINK_SECONDS } from './reveal'

let t: ReviewFixture
beforeEach(async () => (t = await reviewFixture()))
afterEach(() => t.close())

test('a photo of any allowed size opens through a link of a few minutes; each view is audited first', async () => {
  const id = await t.submit()
  await t.walkTo(id, 'visiting')
  // Near the 10 MB limit: far over setData's 1 MB and the 6 MB function reply as base64.
  const big = new Uint8Array(MAX_DOCUMENT_BYTES - 1)
  big.set(JPEG)
  const photo = await addVisitPhoto(t.deps, await resolveActor(t.deps.store.repos, 'o-caseworker'), { id, fileName: '走访.jpg', bytes: big })
  const reply = await t.call('o-reviewer', 'review', 'viewDocument', { id, documentId: photo.id })
  expect(reply).toMatchObject({ ok: true, data: { contentType: 'image/jpeg', fileName: '走访.jpg', size: big.length, url: expect.stringMatching(/^\/files\//) } })
  const data = (reply as { ok: true; data: { url: string; expiresAt: string } }).data
  expect(Date.parse(data.expiresAt) - t.clock.now().getTime()).toBe(DOCUMENT_LINK_SECONDS * 1000)
  expect(JSON.stringify(reply).length).toBeLessThan(1000)
  const audit = await t.deps.store.repos.audit.list(null, 1000)
  expect(audit.filter((e) => e.action === 'application.document.view')).toEqual([expect.objectContaining({ actor: 'o-reviewer', subject: id, detail: { documentId: photo.id } })])
  // Outside the jurisdiction: no link, no audit event.
  expect(await t.call('o-b-staff', 'review', 'viewDocument', { id, documentId: photo.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
})

describe('the local link route', () => {
  const tmp = tempDir('lantian-links-')
  const key = randomBytes(32)
  let now = Date.now()
  const files = localFileStore(join(tmp.dir, 'files'), key, () => now)
  const links = fileLinks(key)
  let server: Server
  let base = ''
  beforeAll(async () => {
    server = createServer((req, res) => void serveFileLink(files, links.verify, (req.url ?? '').slice(FILE_LINK_PREFIX.length), res))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()))
    tmp.cleanup()
  })

  test('serves the file while the link lasts, never cached; a forged, altered or ended link gets nothing', async () => {
    const stored = await files.put('documents/app-1/id.jpg', JPEG, 'image/jpeg')
    now = Date.now()
    const url = (await files.temporaryUrl(stored, 300))!
    const res = await fetch(`${base}${url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(JPEG)

    const token = url.slice(FILE_LINK_PREFIX.length)
    const [body, mac] = token.split('.')
    const other = Buffer.from(JSON.stringify({ k: 'documents/app-2/x.jpg', e: Date.now() + 60_000 })).toString('base64url')
    for (const bad of [`${other}.${mac}`, `${body}.${'A'.repeat(mac.length)}`, body, 'x']) expect((await fetch(`${base}${FILE_LINK_PREFIX}${bad}`)).status).toBe(404)
    now = Date.now() - 301_000
    const ended = (await files.temporaryUrl(stored, 300))!
    expect((await fetch(`${base}${ended}`)).status).toBe(404)
  })
})
