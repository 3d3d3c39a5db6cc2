/**
 * The local app on a fresh data directory seeds Mile's demo households, and its dashboard shows the
 * seed report's figures over HTTP: 514 households on file in 2015 and 29 in August 2020, 4,239,000
 * yuan (4,005,000 from central, provincial and prefecture funds, 234,000 from the city), 5,486
 * person-times, 67 aid stations, 5 rest posts and 3 expert teams, and the 2020 campaign's 55
 * checked, 26 deregistered, 29 kept. The demo export downloads through its link and opens with the
 * national form's columns; a full export's link works once.
 */
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import type { CampaignView, ExportedFile } from '../../src/domain/api/households'
import type { Dashboard } from '../../src/domain/dashboard'
import { HOUSEHOLD_EXPORT_HEADER } from '../../src/domain/household-export'
import { DEMO_CAMPAIGN_2020, DEMO_PERIOD, MILE_FIGURES } from '../../server/local/seed/seed-figures'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { tempDir } from '../support/deps'
import { demoSignIn } from '../support/local-session'

describe('the demo households over HTTP', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>
  let firstStartMs: number

  beforeAll(async () => {
    tmp = tempDir()
    const started = performance.now()
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1 })
    firstStartMs = performance.now() - started
    console.log(`first start with the demo data: ${firstStartMs.toFixed(0)} ms`)
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  const signIn = (account: string) => demoSignIn(app.url, account)

  async function call<T>(cookie: string, action: string, input: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${app.url}/api/households`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url, cookie }, body: JSON.stringify({ action, input }) })
    const body = (await res.json()) as { ok: boolean; data: T; error?: unknown }
    if (!body.ok) throw new Error(JSON.stringify(body.error))
    return body.data
  }

  it('shows the seed report figures on the city dashboard', async () => {
    expect(app.seeded).toBe(true)
    const admin = await signIn('admin')
    const d = await call<Dashboard & { unitName: string }>(admin, 'dashboard', { ...DEMO_PERIOD })
    expect(d.unitName).toBe('弥勒市总工会')
    expect(d.onFileAtStart).toBe(514)
    expect(d.onFileNow).toBe(29)
    expect(d.fundsTotalFen).toBe(423_900_000)
    expect(d.fundsBySource.central + d.fundsBySource.provincial + d.fundsBySource.prefecture).toBe(400_500_000)
    expect(d.fundsBySource.county).toBe(23_400_000)
    expect(d.personTimes).toBe(5486)
    expect(d.stationsByKind).toEqual({ aid: 67, 'rest-post': 5, 'expert-team': 3 })
    expect(d.campaign?.progress.total).toEqual({ inScope: 55, checked: 55, kept: 29, proposedDeregistration: 26 })

    const campaign = await call<Dashboard>(admin, 'dashboard', { from: DEMO_CAMPAIGN_2020.startsOn, to: DEMO_CAMPAIGN_2020.endsOn })
    expect([campaign.onFileAtStart, campaign.deregisteredInPeriod, campaign.onFileNow]).toEqual([
      MILE_FIGURES.campaign2020.checked,
      MILE_FIGURES.campaign2020.deregistered,
      MILE_FIGURES.campaign2020.kept,
    ])
    const view = await call<CampaignView>(admin, 'campaign', { campaignId: DEMO_CAMPAIGN_2020.id })
    expect(view.progress.total).toEqual({ inScope: 55, checked: 55, kept: 29, proposedDeregistration: 26 })
    expect(view.campaign.status).toBe('closed')
  })

  it("shows the caseworker her own township's share", async () => {
    const caseworker = await signIn('caseworker')
    const d = await call<Dashboard & { unitName: string }>(caseworker, 'dashboard', { ...DEMO_PERIOD })
    expect(d.unitName).toBe('弥阳街道总工会')
    expect(d.onFileAtStart).toBeGreaterThan(0)
    expect(d.onFileAtStart).toBeLessThan(514)
    expect(d.fundsTotalFen).toBeLessThan(423_900_000)
  })

  it('exports the demo households as a workbook with the national form columns, masked for the caseworker', async () => {
    const caseworker = await signIn('caseworker')
    const file = await call<ExportedFile>(caseworker, 'exportHouseholds', { format: 'xlsx' })
    // The reply is a link of the local server, the file downloads through it (no session needed).
    expect(JSON.stringify(file).length).toBeLessThan(1000)
    const res = await fetch(`${app.url}${file.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.length).toBe(file.size)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as never)
    const sheet = workbook.worksheets[0]
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HOUSEHOLD_EXPORT_HEADER)
    expect(sheet.rowCount).toBe(file.rows + 1)
    expect(file.masked).toBe(true)
    expect(String(sheet.getRow(2).getCell(4).value)).toMatch(/^5325\*{10}\d{3}[\dX]$/)
    const admin = await signIn('admin')
    expect((await call<ExportedFile>(admin, 'exportHouseholds', { format: 'csv' })).rows).toBe(514)
  })

  it('serves a full export once: a second download of its link gets the link-ended page', async () => {
    const reviewer = await signIn('admin')
    const file = await call<ExportedFile>(reviewer, 'exportHouseholds', { format: 'csv', full: true, reason: '上报全国工会档案系统' })
    expect(file).toMatchObject({ masked: false, rows: 514 })
    const first = await fetch(`${app.url}${file.url}`)
    expect(first.status).toBe(200)
    expect((await first.arrayBuffer()).byteLength).toBe(file.size)
    const again = await fetch(`${app.url}${file.url}`)
    expect(again.status).toBe(404)
    expect(await again.text()).toContain('链接已失效')
    // A masked export's link may be opened again while it lasts (a retried download).
    const masked = await call<ExportedFile>(reviewer, 'exportHouseholds', { format: 'csv' })
    for (let i = 0; i < 2; i++) expect((await fetch(`${app.url}${masked.url}`)).status).toBe(200)
  })
})
