export default definePageConfig({
  navigationBarTitleText: '问题报告',
})
