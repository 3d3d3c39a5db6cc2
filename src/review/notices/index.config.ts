export default definePageConfig({
  navigationBarTitleText: '公示信息',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
})
