export default defineAppConfig({
  pages: ['pages/home/index', 'pages/my-applications/index', 'pages/application/index'],
  subPackages: [{ root: 'apply', pages: ['form/index'] }],
  window: {
    navigationBarTitleText: '蓝天帮扶',
    navigationBarBackgroundColor: '#1565c0',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f6fb',
    backgroundTextStyle: 'dark',
  },
  __usePrivacyCheck__: true,
})
