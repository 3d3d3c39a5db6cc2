/**
 * An export's link on the local server's `/files/<token>` route: served as its spreadsheet type
 * while it lasts, a full export's only once, and an ended link answers the link-ended page.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileLinks, FILE_LINK_PREFIX } from '../../server/adapters/files/file-links'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { serveFileLink, spentLinks } from '../../server/local/file-link-route'
import { exportServed } from '../../server/usecases/shared/export-receipts'
import type { ExportedFile } from '../../src/domain/api/households'
import { tempDir } from '../support/deps'
import { householdFixture, type HouseholdFixture } from '../support/households'

/** Polls until `done` (the handover runs when the response has finished, after the client has read it). */
async function waitFor(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 20))
  expect(await done()).toBe(true)
}

describe('an export link on the local route', () => {
  const tmp = tempDir('lantian-export-links-')
  const key = randomBytes(32)
  // What the file store takes as now when it makes a link: moved back to hand out ended links.
  let shift = 0
  const files = localFileStore(join(tmp.dir, 'files'), key, () => Date.now() - shift)
  const links = fileLinks(key)
  const spent = spentLinks()
  let server: Server
  let base = ''
  let f: HouseholdFixture
  beforeAll(async () => {
    f = await householdFixture()
    f.deps.files = files
    await f.file('unit-a1')
    server = createServer((req, res) => void serveFileLink(files, links.verify, (req.url ?? '').slice(FILE_LINK_PREFIX.length), res, spent, (k) => exportServed(f.deps, k)))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()))
    await f.close()
    tmp.cleanup()
  })
  beforeEach(() => (shift = 0))

  test('a full export downloads once, as a spreadsheet, never cached; the same link again gets the link-ended page', async () => {
    const full = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'xlsx', full: true, reason: '上报' })
    const res = await fetch(`${base}${full.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="households-full-\d{4}-\d{2}-\d{2}\.xlsx"$/)
    expect((await res.arrayBuffer()).byteLength).toBe(full.size)
    const again = await fetch(`${base}${full.url}`)
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('链接已失效')
    // Sent once, the file itself is gone (a restart forgets spent links, not this) and the handover is audited.
    const key = links.verify(full.url.slice(FILE_LINK_PREFIX.length), Date.now())!
    await waitFor(async () => (await files.open(key)) === null)
    const events = (await f.deps.store.repos.audit.list(null, 1000)).filter((e) => e.action === 'export.received')
    expect(events.map((e) => [e.actor, e.subject, e.detail.exportedBy])).toEqual([['system:file-link', `export:${full.receipt}`, 'o-reviewer']])
  })

  test('an ended link answers the link-ended page, for a full export and a masked one', async () => {
    shift = 301_000
    const full = await f.ok<ExportedFile>('o-reviewer', 'exportHouseholds', { format: 'csv', full: true, reason: '上报' })
    shift = 601_000
    const masked = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    for (const file of [full, masked]) {
      const res = await fetch(`${base}${file.url}`)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('链接已失效')
    }
    // The same kind of link, not yet ended, works: the refusal is the link's end.
    shift = 0
    const fresh = await f.ok<ExportedFile>('o-caseworker', 'exportHouseholds', { format: 'csv' })
    expect((await fetch(`${base}${fresh.url}`)).status).toBe(200)
  })
})
