import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { internalComponents } from '@tarojs/shared/dist/template'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import WEAPP_ARIA from '../src/platform/weapp-aria.json'
import devConfig from './dev'
import prodConfig from './prod'

/** The files of the H5 first screen: the home page and the kit components it renders. */
const FIRST_SCREEN = /[\\/]src[\\/](pages[\\/]home|components[\\/](entry-tile|large-text-switch|demo-account-banner))[\\/]/

/** Taro's React components for the browser (what `@tarojs/components` resolves to in the H5 build). */
const COMPONENTS = require.resolve('@tarojs/components/lib/react/components.js')

/** The CloudBase environment id compiled into the weapp build; empty means the SDK's default env. */
const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? ''

/**
 * WeChat's accessibility attributes (aria-role, aria-label ...) added to the components of Taro's
 * weapp templates, which bind only the attributes they list: the same list the runtime adds
 * (src/platform/a11y.weapp.ts). The weapp platform builds its templates from this very object later.
 */
function addWeappAria(): void {
  const components = internalComponents as Record<string, Record<string, string>>
  for (const [name, attrs] of Object.entries(WEAPP_ARIA)) Object.assign(components[name], attrs)
}
if (process.env.TARO_ENV === 'weapp') addWeappAria()

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'lantian',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(cloudEnv),
    },
    // WeChat reads sitemap.json beside app.json (app.config's sitemapLocation); the browser build has no use for it.
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Never inline images as data URLs: a Map marker's iconPath must be a file in the package.
      imageUrlLoaderOption: { limit: true },
      // As in h5 below: each component styles its own class names, so the order of their CSS in a shared chunk does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Live reload without React fast refresh: fast refresh needs two more dev packages (see babel.config.js).
      devServer: { host: '127.0.0.1', hot: false },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // The first screen's own instance of Taro's component library. Webpack keeps one set of used
        // exports per module for the whole app, so the home page would otherwise run the code of every
        // component any page uses (about 60 KB, 60-70 ms at a 4x slower CPU) before its first paint.
        chain.module.rule('first-screen-components').test(FIRST_SCREEN).resolve.alias.set('@tarojs/components$', `${COMPONENTS}?first-screen`)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
