export default definePageConfig({ navigationBarTitleText: '六清核查' })
