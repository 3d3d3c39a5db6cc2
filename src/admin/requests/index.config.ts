export default definePageConfig({
  navigationBarTitleText: '信息请求',
})
