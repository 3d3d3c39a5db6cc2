/** Default (type checking, and any platform without its own file): the weapp one. */
export { upload, uploadImportFile } from './upload.weapp'
