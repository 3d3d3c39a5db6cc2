export default definePageConfig({ navigationBarTitleText: '核查进度', onReachBottomDistance: 120 })
