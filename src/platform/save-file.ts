/** Default (type checking, and any platform without its own file): the weapp one. */
export { openPdf, saveExport } from './save-file.weapp'
