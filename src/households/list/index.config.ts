export default definePageConfig({ navigationBarTitleText: '建档家庭', onReachBottomDistance: 120 })
