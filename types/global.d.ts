/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at compile time by Taro: 'weapp' or 'h5'. */
    TARO_ENV: 'weapp' | 'h5' | undefined
    /** CloudBase environment id compiled into the weapp build. */
    TARO_APP_CLOUD_ENV?: string
  }
}
