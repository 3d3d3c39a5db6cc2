// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // Matches h5.devServer.hot = false: no react-refresh transform in `npm run dev:h5`.
      hot: false,
    }],
  ],
}
