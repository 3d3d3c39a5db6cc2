/**
 * WeChat's screen reader (读屏) in the built mini-program: every control the kit draws (a view or
 * text made pressable: entry tiles, cards, chips, options, tabs, switches) and every container given
 * a role (chip groups, the tab list, the step progress, a chart) reaches WeChat with its `aria-role`
 * and a name (its `aria-label`, or its own text), on pages a worker and the staff open. A plain
 * `role=` is not bound in the mini-program: containers take theirs from `containerRole`.
 * Taro's weapp templates bind neither unless the build adds them (src/platform/weapp-aria.json).
 * miniprogram-simulate's elements keep no attributes beyond their own properties, so this reads
 * the two ends WeChat joins: the data Taro sends (setData) and the built templates' bindings.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ADMIN, CASEWORKER, demoCases, WORKER, type DemoCases } from './demo-cases'
import { startWeapp, WEAPP, type Weapp } from './harness'

let w: Weapp
let cases: DemoCases
beforeAll(async () => {
  process.env.WEAPP_KEEP_SETDATA = '1'
  w = await startWeapp()
  cases = await demoCases(w.deps)
}, 120000)
afterAll(() => w.close())

/** The roles the kit's `pressable` gives, and those of its containers (`containerRole`: a group of chips, the tabs, the step progress, a chart). */
const ROLES = ['button', 'link', 'switch', 'checkbox', 'radio', 'tab', 'radiogroup', 'group', 'tablist', 'status', 'progressbar', 'img']

/** Per template number (a node's `nn`): the data keys its `aria-role` and `aria-label` are bound to in base.wxml. */
function ariaBindings(): Map<string, { role: string; label: string }> {
  const wxml = readFileSync(join(WEAPP, 'base.wxml'), 'utf8')
  const out = new Map<string, { role: string; label: string }>()
  for (const m of wxml.matchAll(/<template name="tmpl_0_(\w+)">\s*<[\w-]+ ([^>]*)>/g)) {
    const role = /aria-role="\{\{i\.(\w+)\}\}"/.exec(m[2])?.[1]
    const label = /aria-label="\{\{i\.(\w+)\}\}"/.exec(m[2])?.[1]
    if (role && label) out.set(m[1], { role, label })
  }
  return out
}

interface Node {
  nn?: string
  v?: string
  cn?: Node[]
  [key: string]: unknown
}
const textOf = (n: Node): string => (n.v ?? '') + (n.cn ?? []).map(textOf).join('')

/** Every node with a role in the data sent since `from`: its role and its name (label, else its text). */
function controls(from: number, bindings: ReturnType<typeof ariaBindings>): { role: string; name: string }[] {
  const out: { role: string; name: string }[] = []
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk)
    if (!x || typeof x !== 'object') return
    const n = x as Node
    const keys = n.nn ? bindings.get(n.nn) : undefined
    if (keys && typeof n[keys.role] === 'string') out.push({ role: n[keys.role] as string, name: String(n[keys.label] ?? textOf(n)).trim() })
    Object.values(n).forEach(walk)
  }
  w.setData.slice(from).forEach((c) => walk(c.data))
  return out
}

const PAGES: { route: string; as: string; query?: (c: DemoCases) => Record<string, string>; shows: RegExp; roles: string[] }[] = [
  { route: 'pages/home/index', as: WORKER, shows: /困难自测/, roles: ['switch', 'button'] },
  { route: 'pages/my-applications/index', as: WORKER, shows: /MLS-\d{4}-\d{6}/, roles: ['button'] },
  { route: 'apply/self-check/index', as: WORKER, shows: /家庭人口/, roles: ['radio', 'radiogroup'] },
  { route: 'apply/form/index', as: 'demo-new-weapp-a11y', shows: /隐私|同意/, roles: ['progressbar', 'checkbox'] },
  { route: 'review/queue/index', as: CASEWORKER, query: () => ({ stage: 'screening' }), shows: /MLS-\d{4}-\d{6}/, roles: ['tab', 'tablist'] },
  { route: 'households/list/index', as: ADMIN, shows: /建档|户/, roles: ['radio'] },
  { route: 'dashboard/index/index', as: ADMIN, shows: /建档|户/, roles: ['radio', 'img'] },
]

test('the built templates bind aria-role and aria-label on views and texts', () => {
  const bindings = ariaBindings()
  // Views (plain, with events, catching moves) and texts: at least four templates of level 0.
  expect(bindings.size).toBeGreaterThanOrEqual(4)
})

test.each(PAGES.map((p) => [p.route, p] as const))('%s: every drawn control reaches WeChat with a role and a name', async (_route, p) => {
  const bindings = ariaBindings()
  w.as(p.as)
  const from = w.setData.length
  const page = await w.open(p.route, p.query?.(cases) ?? {})
  try {
    await page.until((t) => p.shows.test(t), String(p.shows))
    const found = controls(from, bindings)
    const roles = new Set(found.map((c) => c.role))
    for (const role of p.roles) expect({ route: p.route, role, present: roles.has(role) }).toEqual({ route: p.route, role, present: true })
    expect(found.filter((c) => !ROLES.includes(c.role) || !c.name)).toEqual([])
  } finally {
    page.detach()
  }
})
