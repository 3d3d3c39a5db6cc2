export default defineAppConfig({
  pages: ['pages/home/index', 'pages/my-applications/index', 'pages/application/index', 'pages/messages/index'],
  subPackages: [{ root: 'apply', pages: ['form/index', 'self-check/index'] }],
  window: {
    navigationBarTitleText: '蓝天帮扶',
    // Explicit so that Taro's H5 router draws its navigation bar (title, back, home) in the browser too.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#1565c0',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f2f6fb',
    backgroundTextStyle: 'dark',
  },
  __usePrivacyCheck__: true,
  // H5 only: Taro's slide-in page animation can stop half-way after redirectTo, leaving a phone browser zoomed out.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})
