/** Default (type checking, and any platform without its own file): the weapp one. */
export { canShareToChat, downloadExport, keepExport, openExport, shareExport } from './save-file.weapp'
