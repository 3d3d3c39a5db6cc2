import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * A blank Taro 4 React app as `taro init`'s default template makes it (one page, "Hello world!"),
 * with this project's package versions, browserslist, babel preset and H5 output names: the
 * baseline a first paint is compared with.
 */
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'blank-taro', private: true, browserslist: ['last 3 versions', 'Android >= 4.1', 'ios >= 8'] }, null, 2),
  'babel.config.js': "module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }]] }\n",
  'config/index.js': `const { defineConfig } = require('@tarojs/cli')
module.exports = defineConfig(async () => ({
  projectName: 'blank-taro',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.BLANK_OUTPUT_ROOT,
  plugins: [],
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
    postcss: { autoprefixer: { enable: true, config: {} } },
  },
}))
`,
  'src/index.html': `<!DOCTYPE html>
<html>
<head>
  <meta content="text/html; charset=utf-8" http-equiv="Content-Type">
  <meta content="width=device-width,initial-scale=1,user-scalable=no" name="viewport">
  <meta name="format-detection" content="telephone=no,address=no">
  <title>blank</title>
  <script><%= htmlWebpackPlugin.options.script %></script>
</head>
<body>
  <div id="app"></div>
</body>
</html>
`,
  'src/app.config.js': `export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { backgroundTextStyle: 'light', navigationBarBackgroundColor: '#fff', navigationBarTitleText: 'WeChat', navigationBarTextStyle: 'black' },
})
`,
  'src/app.css': '',
  'src/app.jsx': `import { useLaunch } from '@tarojs/taro'
import './app.css'

function App({ children }) {
  useLaunch(() => {})
  return children
}

export default App
`,
  'src/pages/index/index.config.js': "export default definePageConfig({ navigationBarTitleText: '首页' })\n",
  'src/pages/index/index.css': '',
  'src/pages/index/index.jsx': `import { View, Text } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import './index.css'

export default function Index() {
  useLoad(() => {})
  return (
    <View className='index'>
      <Text>Hello world!</Text>
    </View>
  )
}
`,
}

/** Writes the blank app into `workDir` and builds it for H5 into `outDir` with this project's Taro CLI. */
export function buildBlankApp(projectRoot: string, workDir: string, outDir: string): void {
  rmSync(workDir, { recursive: true, force: true })
  for (const [name, text] of Object.entries(FILES)) {
    const file = join(workDir, name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  symlinkSync(resolve(projectRoot, 'node_modules'), join(workDir, 'node_modules'), 'dir')
  const taro = resolve(projectRoot, 'node_modules/@tarojs/cli/bin/taro')
  execFileSync(process.execPath, [taro, 'build', '--type', 'h5'], {
    cwd: workDir,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production', BLANK_OUTPUT_ROOT: outDir },
  })
  if (!existsSync(join(outDir, 'index.html'))) throw new Error('the blank Taro app did not build')
}
