export default definePageConfig({
  navigationBarTitleText: '蓝天帮扶',
})
