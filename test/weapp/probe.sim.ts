import { startWeapp, type Weapp } from './harness'

let w: Weapp
beforeAll(async () => (w = await startWeapp()), 60000)
afterAll(() => w.close())

test('probe', async () => {
  const home = await w.open('pages/home/index')
  await home.until((t) => t.includes('附近驿站'), 'tiles')
  const tile = [...home.dom.querySelectorAll('*')].find((e) => e.textContent === '附近驿站')!
  home.tap(tile)
  await new Promise((r) => setTimeout(r, 50))
  console.log(w.calls.filter((c) => c.api === 'navigateTo').map((c) => c.args.url))
  home.detach()
  const st = await w.open('pages/stations/index')
  await st.until((t) => t.includes('已按') , 'list')
  await new Promise((r) => setTimeout(r, 300))
  console.log(st.text().slice(0, 400))
  console.log(w.setData.map((s) => `${s.from} ${s.bytes} ${s.keys.slice(0, 3).join(',')}`).join('\n'))
})
