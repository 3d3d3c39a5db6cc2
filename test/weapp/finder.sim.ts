/**
 * The station finder's setData in WeChat's terms: bytes per call, measured on the built page while
 * a worker scrolls through every station within reach (the demo's 75 and 225 more).
 * WeChat refuses a setData over 1 MB and advises staying under 256 KB; the aims here are 40 KB for
 * the first render and 16 KB for any later call, however many stations were loaded.
 */
import { demoStations } from '../../server/local/seed-stations'
import { startWeapp, type Weapp } from './harness'

let w: Weapp
beforeAll(async () => {
  w = await startWeapp()
  // Three more stations for each of the demo's, a few hundred metres off it: 300 in all.
  const extra = demoStations(new Date()).flatMap((s) =>
    [1, 2, 3].map((k) => ({ ...s, id: `${s.id}-x${k}`, externalId: s.externalId ? `${s.externalId}-x${k}` : s.externalId, location: { lng: s.location.lng + 0.003 * k, lat: s.location.lat - 0.002 * k } })),
  )
  await w.deps.store.transaction(async (repos) => {
    for (const s of extra) await repos.stations.upsert(s)
  })
}, 60000)
afterAll(() => w.close())

const KB = 1024

test('the finder stays under 40 KB on its first render and 16 KB on every later setData, through 200+ stations', async () => {
  const page = await w.open('pages/stations/index')
  await page.until((t) => /已按.*排列/.test(t) && t.includes('加载更多'), 'the first page of stations')
  await new Promise((r) => setTimeout(r, 100))
  const first = w.setData.reduce((n, c) => n + c.bytes, 0)
  const firstLargest = Math.max(...w.setData.map((c) => c.bytes))
  const firstCalls = w.setData.length
  let pages = 1
  const cards = () => page.all('station-card').length
  while (!/已显示.*全部/.test(page.text())) {
    const before = cards()
    page.tap('加载更多')
    await page.until(() => cards() > before, `page ${pages + 1}`)
    await new Promise((r) => setTimeout(r, 30))
    pages++
  }
  const loaded = Number(/全部 (\d+) 个站点/.exec(page.text())?.[1])
  // The last cards arrive a few at a time after the end line.
  const settled = Date.now()
  await page.until(() => cards() === loaded, `all ${loaded} cards (${cards()} now)`, 60_000)
  console.log(`last cards shown ${Date.now() - settled} ms after the end line`)
  await new Promise((r) => setTimeout(r, 100))
  const later = w.setData.slice(firstCalls)
  const largestLater = Math.max(...later.map((c) => c.bytes))
  console.log(
    `finder setData: first render ${firstCalls} calls, ${(first / KB).toFixed(1)} KB in all, largest ${(firstLargest / KB).toFixed(1)} KB; ` +
      `${pages} pages, ${loaded} stations; later calls ${later.length}, largest ${(largestLater / KB).toFixed(1)} KB, total ${(later.reduce((n, c) => n + c.bytes, 0) / KB).toFixed(1)} KB`,
  )
  if (process.env.WEAPP_KEEP_SETDATA) console.log(later.map((c) => `${c.bytes}: ${c.keys.slice(0, 3).join(' ')}`).join('\n'))
  expect(loaded).toBeGreaterThanOrEqual(200)
  expect(firstLargest).toBeLessThanOrEqual(40 * KB)
  expect(largestLater).toBeLessThanOrEqual(16 * KB)
})
