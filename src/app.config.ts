export default defineAppConfig({
  pages: ['pages/home/index', 'pages/my-applications/index', 'pages/application/index', 'pages/messages/index', 'pages/stations/index', 'pages/station/index'],
  subPackages: [
    { root: 'apply', pages: ['form/index', 'self-check/index'] },
    { root: 'admin', pages: ['stations/index', 'station-edit/index', 'import/index', 'reports/index', 'units/index', 'invitations/index', 'staff/index', 'requests/index'] },
    { root: 'review', pages: ['queue/index', 'case/index', 'redeem/index', 'notices/index', 'calls/index'] },
    { root: 'households', pages: ['list/index', 'detail/index', 'campaigns/index', 'campaign/index', 'check/index', 'pending/index', 'budgets/index'] },
    // Its own subpackage: the chart library weighs about 0.6 MB and only this page needs it.
    { root: 'dashboard', pages: ['index/index'] },
  ],
  window: {
    navigationBarTitleText: '蓝天帮扶',
    // Explicit so that Taro's H5 router draws its navigation bar (title, back, home) in the browser too.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#1565c0',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f6fb',
    backgroundTextStyle: 'dark',
  },
  __usePrivacyCheck__: true,
  // 附近驿站 sorts by distance: the fuzzy location (a few km) is enough and asks for less. An admin
  // creating a station picks its point on WeChat's map (chooseLocation; it may be declared beside
  // getFuzzyLocation, which excludes only getLocation and the location-update APIs).
  requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'],
  // getFuzzyLocation asks for scope.userFuzzyLocation (not scope.userLocation): its purpose text goes there.
  permission: { 'scope.userFuzzyLocation': { desc: '用于查找离您最近的工会服务站点和户外劳动者驿站' } },
  // Only the components a page renders are injected (miniprogram-ci's quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  style: 'v2',
  // Only the home page and the station finder are indexed by WeChat search (sitemap.json beside app.json).
  sitemapLocation: 'sitemap.json',
  // Most visitors who open the home page go on to the self-check or the form: fetch that subpackage early.
  preloadRule: { 'pages/home/index': { network: 'all', packages: ['apply'] } },
  // H5 only: Taro's slide-in page animation can stop half-way after redirectTo, leaving a phone browser zoomed out.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
