export default definePageConfig({
  navigationBarTitleText: '审核案件',
  onReachBottomDistance: 120,
})
