/**
 * Every page of the built mini-program renders in miniprogram-simulate with WeChat's own WXML
 * compiler, as the person who uses it, filled from the same handlers as the local server: the
 * worker's application under review and the returned one, a filed household, a 户户清 check.
 * A page passes when it shows what its records say, and no failure message.
 */
import { ADMIN, CASEWORKER, demoCases, OTHER_WORKER, WORKER, type DemoCases } from './demo-cases'
import { allRoutes, startWeapp, type Weapp } from './harness'

let w: Weapp
let cases: DemoCases
beforeAll(async () => {
  w = await startWeapp()
  cases = await demoCases(w.deps)
}, 120000)
afterAll(() => w.close())

interface PageCase {
  route: string
  as: string
  query?: (c: DemoCases) => Record<string, string>
  /** What the page must show once its records are in. */
  shows: RegExp
}

const PAGES: PageCase[] = [
  { route: 'pages/home/index', as: WORKER, shows: /困难自测[\s\S]*附近驿站/ },
  { route: 'pages/my-applications/index', as: WORKER, shows: /MLS-\d{4}-\d{6}[\s\S]*初审/ },
  { route: 'pages/application/index', as: WORKER, query: (c) => ({ id: c.underReview }), shows: /初审/ },
  { route: 'pages/application/index', as: OTHER_WORKER, query: (c) => ({ id: c.returned }), shows: /退回[\s\S]*电话号码打不通/ },
  { route: 'pages/messages/index', as: WORKER, shows: /MLS-\d{4}-\d{6}/ },
  { route: 'pages/stations/index', as: WORKER, shows: /已按[\s\S]*公里|米/ },
  { route: 'pages/station/index', as: WORKER, query: (c) => ({ id: c.station }), shows: /开放时间/ },
  { route: 'apply/form/index', as: 'demo-new-weapp', shows: /隐私|同意/ },
  { route: 'apply/self-check/index', as: WORKER, shows: /家庭人口|收入/ },
  { route: 'admin/stations/index', as: ADMIN, shows: /站点/ },
  { route: 'admin/station-edit/index', as: ADMIN, query: (c) => ({ id: c.station }), shows: /站点名称|名称/ },
  { route: 'admin/import/index', as: ADMIN, shows: /导出站点/ },
  { route: 'admin/reports/index', as: ADMIN, shows: /问题|报告/ },
  { route: 'admin/units/index', as: ADMIN, shows: /弥勒市总工会/ },
  { route: 'admin/invitations/index', as: ADMIN, shows: /邀请/ },
  { route: 'admin/staff/index', as: ADMIN, shows: /李娟|共 \d+ 人/ },
  { route: 'admin/requests/index', as: ADMIN, shows: /查阅、复制本人信息[\s\S]*剩余 30 天[\s\S]*MLS-\d{4}-\d{6}[\s\S]*答复期限/ },
  { route: 'review/queue/index', as: CASEWORKER, query: () => ({ stage: 'screening' }), shows: /MLS-\d{4}-\d{6}/ },
  { route: 'review/case/index', as: CASEWORKER, query: (c) => ({ id: c.underReview }), shows: /MLS-\d{4}-\d{6}[\s\S]*初审/ },
  { route: 'review/redeem/index', as: 'demo-new-staff', shows: /邀请码/ },
  { route: 'review/notices/index', as: WORKER, shows: /公示/ },
  // The demo's returned application: its worker holds no subscription, so a call is due.
  { route: 'review/calls/index', as: CASEWORKER, shows: /MLS-\d{4}-\d{6}[\s\S]*职工未订阅消息/ },
  { route: 'households/list/index', as: ADMIN, shows: /\d+ *户|建档/ },
  { route: 'households/detail/index', as: ADMIN, query: (c) => ({ id: c.household }), shows: /帮扶措施|结对/ },
  { route: 'households/campaigns/index', as: ADMIN, shows: /户户清|核查/ },
  { route: 'households/campaign/index', as: ADMIN, query: (c) => ({ id: c.campaign }), shows: /已核查|核查/ },
  { route: 'households/check/index', as: ADMIN, query: (c) => ({ campaignId: c.campaign, householdId: c.checkHousehold }), shows: /六清|核查/ },
  { route: 'households/pending/index', as: ADMIN, shows: /共 1 笔待审批，您可审批 1 笔[\s\S]*123(\.00)?/ },
  { route: 'households/budgets/index', as: ADMIN, shows: /预算[\s\S]*已用/ },
  { route: 'dashboard/index/index', as: ADMIN, shows: /建档|户/ },
]

const FAILURES = /系统繁忙|出错了|没有找到|加载失败|无权|请先登录/

test('the table covers every page of app.json', () => {
  expect([...new Set(PAGES.map((p) => p.route))].sort()).toEqual(allRoutes().sort())
})

test.each(PAGES.map((p) => [`${p.route} as ${p.as}`, p] as const))('%s renders its records', async (_name, p) => {
  w.as(p.as)
  const page = await w.open(p.route, p.query?.(cases) ?? {})
  try {
    await page.until((t) => p.shows.test(t) || FAILURES.test(t), String(p.shows))
    expect(page.text()).not.toMatch(FAILURES)
    expect(page.text()).toMatch(p.shows)
  } finally {
    page.detach()
  }
})
