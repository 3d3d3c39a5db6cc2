export default definePageConfig({ navigationBarTitleText: '资金审批', onReachBottomDistance: 120 })
