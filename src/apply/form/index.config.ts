export default definePageConfig({
  navigationBarTitleText: '申请帮扶',
})
