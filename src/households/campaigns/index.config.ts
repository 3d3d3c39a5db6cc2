export default definePageConfig({ navigationBarTitleText: '户户清' })
