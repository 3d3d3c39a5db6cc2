export default definePageConfig({ navigationBarTitleText: '资金预算' })
