export default definePageConfig({
  navigationBarTitleText: '编辑站点',
})
