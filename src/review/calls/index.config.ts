export default definePageConfig({
  navigationBarTitleText: '电话联系',
  onReachBottomDistance: 120,
})
