export default definePageConfig({
  navigationBarTitleText: '个人信息请求',
})
